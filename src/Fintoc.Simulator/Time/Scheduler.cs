namespace ModularPayments.Fintoc.Simulator.Time;

/// <summary>
/// Work the simulated Fintoc does later: activations, settlements, 16:00 charge runs, expirations, webhook attempts.
/// Items run in due order (ties by their order key) when the clock reaches them, from the background ticker or from a
/// clock advance, never two runners at once.
/// </summary>
public sealed class Scheduler(SimulatorClock clock)
{
    private readonly PriorityQueue<ScheduledWork, (DateTimeOffset Due, long Order)> _queue = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _runner = new(1, 1);
    private long _sequence;

    public SimulatorClock Clock => clock;

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="work"/>; it receives the instant it was due (its logical time).</summary>
    public void At(DateTimeOffset due, Func<DateTimeOffset, Task> work, bool newestFirst = false)
    {
        lock (_gate)
        {
            var sequence = ++_sequence;
            _queue.Enqueue(new ScheduledWork(due, work), (due, newestFirst ? -sequence : sequence));
        }
    }

    public void At(DateTimeOffset due, Action<DateTimeOffset> work) =>
        At(due, at =>
        {
            work(at);
            return Task.CompletedTask;
        });

    public async Task RunDueAsync(CancellationToken cancellationToken = default)
    {
        await _runner.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TryTakeDue(clock.GetUtcNow(), out var item))
            {
                await item.Work(item.Due).ConfigureAwait(false);
            }
        }
        finally
        {
            _runner.Release();
        }
    }

    /// <summary>Moves the clock ahead and runs, in order, everything that became due (including work that work scheduled).</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        clock.MoveForward(by);
        await RunDueAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool TryTakeDue(DateTimeOffset now, out ScheduledWork item)
    {
        lock (_gate)
        {
            if (_queue.TryPeek(out var next, out var priority) && priority.Due <= now)
            {
                item = _queue.Dequeue();
                return true;
            }

            item = default!;
            return false;
        }
    }

    private sealed record ScheduledWork(DateTimeOffset Due, Func<DateTimeOffset, Task> Work);
}

/// <summary>Runs due work four times a second, so the default run progresses without anyone advancing the clock.</summary>
internal sealed partial class SchedulerTicker(Scheduler scheduler, ILogger<SchedulerTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await scheduler.RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulator: scheduled work failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
