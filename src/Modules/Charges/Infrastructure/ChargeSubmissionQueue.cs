using System.Threading.Channels;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.SubmitCharge;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>
/// <c>Charges:SubmissionWorkers</c> workers submit queued charges concurrently. A failure is only logged: the reactor,
/// which reads every <c>ChargeRequested</c> from the log, retries and parks as for any reaction.
/// </summary>
internal sealed partial class ChargeSubmissionQueue(IServiceScopeFactory scopes, IOptions<ChargesOptions> options, ILogger<ChargeSubmissionQueue> logger)
    : BackgroundService, IChargeSubmissionQueue
{
    private readonly Channel<Guid> _queue = Channel.CreateBounded<Guid>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(Guid chargeId) => _queue.Writer.TryWrite(chargeId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.SubmissionWorkers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var chargeId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitChargeCommand(chargeId), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The reactor is the guarantee; the fast path gives up quietly.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogLeftToReactor(logger, exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fast submission failed ({Error}); the charges-submitter reactor takes it over")]
    private static partial void LogLeftToReactor(ILogger logger, string error);
}
