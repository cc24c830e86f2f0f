using System.Diagnostics.Metrics;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Reactors;

namespace ModularPayments.Api.Observability;

/// <summary>
/// The lag /health shows (events between the head of the log and each projection's or reactor's position) and each
/// reactor's parked count, as observable gauges. A gauge callback cannot await, so the head is read in the background every few seconds on the real clock
/// (never the simulator's).
/// </summary>
public sealed partial class ProjectionLagMetrics : BackgroundService
{
    public const string MeterName = "ModularPayments.Projections";
    public const string LagGaugeName = "modularpayments.projection.lag";
    public const string ReactorLagGaugeName = "modularpayments.reactor.lag";
    public const string ReactorParkedGaugeName = "modularpayments.reactor.parked";
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private readonly IEventStore _eventStore;
    private readonly ProjectionStatusBoard _board;
    private readonly ProjectionsHostedService _projections;
    private readonly ReactorStatusBoard _reactorBoard;
    private readonly ReactorsHostedService _reactors;
    private readonly ILogger<ProjectionLagMetrics> _logger;
    private long _head = -1;

    public ProjectionLagMetrics(
        IEventStore eventStore,
        ProjectionStatusBoard board,
        ProjectionsHostedService projections,
        ReactorStatusBoard reactorBoard,
        ReactorsHostedService reactors,
        IMeterFactory meters,
        ILogger<ProjectionLagMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _eventStore = eventStore;
        _board = board;
        _projections = projections;
        _reactorBoard = reactorBoard;
        _reactors = reactors;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(LagGaugeName, Observe, "{event}", "Events in the log not yet applied by the projection");
        meter.CreateObservableGauge(ReactorLagGaugeName, ObserveReactorLag, "{event}", "Events in the log the reactor has not reached yet");
        meter.CreateObservableGauge(ReactorParkedGaugeName, ObserveParked, "{event}", "Events the reactor gave up on and that are not resolved");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            try
            {
                Interlocked.Exchange(ref _head, await _eventStore.ReadHeadPositionAsync(stoppingToken));
            }
#pragma warning disable CA1031 // An unreachable store is /health's to report; the gauge just stops.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Interlocked.Exchange(ref _head, -1);
                LogHeadUnreadable(_logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var head = Interlocked.Read(ref _head);
        if (head < 0)
        {
            return [];
        }

        return _projections.Names.Select(name => new Measurement<long>(
            Math.Max(0, head - (_board.Get(name)?.Position ?? 0)),
            new KeyValuePair<string, object?>("projection", name)));
    }

    private IEnumerable<Measurement<long>> ObserveReactorLag()
    {
        var head = Interlocked.Read(ref _head);
        return head < 0
            ? []
            : _reactors.Names.Select(name => new Measurement<long>(
                Math.Max(0, head - (_reactorBoard.Get(name)?.Position ?? 0)),
                new KeyValuePair<string, object?>("reactor", name)));
    }

    private IEnumerable<Measurement<long>> ObserveParked() =>
        _reactors.Names.Select(name => new Measurement<long>(
            _reactorBoard.Get(name)?.Parked.Count ?? 0,
            new KeyValuePair<string, object?>("reactor", name)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Projection lag gauge could not read the head of the log ({Error})")]
    private static partial void LogHeadUnreadable(ILogger logger, string error);
}
