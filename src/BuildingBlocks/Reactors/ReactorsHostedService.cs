using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>Runs every registered reactor side by side; a failed runner restarts from its checkpoint with a growing pause.</summary>
public sealed class ReactorsHostedService(IEnumerable<IReactor> reactors, IServiceProvider services, TimeProvider timeProvider) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    public IReadOnlyCollection<string> Names => [.. reactors.Select(r => r.Name)];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(reactors.Select(reactor =>
        {
            var runner = ActivatorUtilities.CreateInstance<ReactorRunner>(services, reactor);
            return Task.Run(() => SuperviseAsync(runner, stoppingToken), stoppingToken);
        }));

    private async Task SuperviseAsync(ReactorRunner runner, CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A reactor must never take the host down; the fault is reported and the runner restarted.
            catch (Exception exception)
#pragma warning restore CA1031
            {
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
