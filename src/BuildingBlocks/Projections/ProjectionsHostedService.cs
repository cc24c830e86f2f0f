using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ModularPayments.BuildingBlocks.Projections;

public sealed class ProjectionOptions
{
    /// <summary>Empty every read model and replay the whole log at start-up (<c>--rebuild-projections</c>).</summary>
    public bool RebuildOnStart { get; set; }
}

/// <summary>
/// Runs every registered projection side by side and keeps each one alive: a failed runner restarts from its
/// checkpoint with a growing pause; a rebuild request restarts it from an empty read model.
/// </summary>
public sealed class ProjectionsHostedService(
    IEnumerable<IReadModelProjection> projections,
    IServiceProvider services,
    IOptions<ProjectionOptions> options,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Supervisor> _supervisors = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => [.. projections.Select(p => p.Name)];

    /// <summary>Empties the named read model and replays the log into it. False when no projection has that name.</summary>
    public bool RequestRebuild(string name)
    {
        if (!_supervisors.TryGetValue(name, out var supervisor))
        {
            return false;
        }

        supervisor.RequestRebuild();
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = projections.Select(projection =>
        {
            var runner = ActivatorUtilities.CreateInstance<ProjectionRunner>(services, projection);
            var supervisor = new Supervisor(runner, options.Value.RebuildOnStart, timeProvider);
            _supervisors[projection.Name] = supervisor;
            return Task.Run(() => supervisor.RunAsync(stoppingToken), stoppingToken);
        }).ToList();
        return Task.WhenAll(runs);
    }

    private sealed class Supervisor(ProjectionRunner runner, bool rebuildFirst, TimeProvider timeProvider)
    {
        private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);
        private volatile bool _rebuildRequested = rebuildFirst;
        private CancellationTokenSource? _current;

        public void RequestRebuild()
        {
            _rebuildRequested = true;
            try
            {
                _current?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Between two runs: the next run sees the flag.
            }
        }

        public async Task RunAsync(CancellationToken stoppingToken)
        {
            var pause = TimeSpan.FromSeconds(1);
            while (!stoppingToken.IsCancellationRequested)
            {
                using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _current = run;
                var rebuild = _rebuildRequested;
                _rebuildRequested = false;
                try
                {
                    await runner.RunAsync(rebuild, run.Token);
                }
                catch (OperationCanceledException) when (run.IsCancellationRequested)
                {
                    continue;
                }
#pragma warning disable CA1031 // A projection must never take the host down; the fault is reported and retried.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    _rebuildRequested |= rebuild;
                    runner.ReportFault(exception);
                    try
                    {
                        await Task.Delay(pause, timeProvider, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                }
            }
        }
    }
}
