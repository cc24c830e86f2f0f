using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.RefreshCharge;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>
/// Every <c>Charges:JanitorInterval</c>, charges pending longer than <c>Charges:PendingTimeout</c> are settled without
/// their webhook: unsubmitted ones are submitted, submitted ones re-read from Fintoc, through the same commands as the
/// submitter and the webhooks. Two instances sweeping together append nothing twice (expected revisions, claims).
/// A sweep takes one batch and the next sweep goes on after it, wrapping around at the end, so charges that stay
/// pending at Fintoc (a bank that takes its two business days) cannot keep the others from ever being looked at.
/// </summary>
internal sealed partial class ChargeJanitor(
    IServiceScopeFactory scopes,
    IChargeReadModel readModel,
    IChargeSubmissionQueue workers,
    IOptions<ChargesOptions> options,
    TimeProvider timeProvider,
    ILogger<ChargeJanitor> logger) : BackgroundService
{
    private long _cursor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.JanitorInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep is logged and the next tick tries again; the janitor never stops the host.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogSweepFailed(logger, exception.GetType().Name);
            }
        }
    }

    /// <summary>One sweep; returns how many charges it refreshed without error.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var before = timeProvider.GetUtcNow() - settings.PendingTimeout;
        var due = await readModel.ListStalePendingAsync(before, _cursor, settings.JanitorBatchSize, cancellationToken);
        if (due.Count == 0 && _cursor > 0)
        {
            due = await readModel.ListStalePendingAsync(before, 0, settings.JanitorBatchSize, cancellationToken);
        }

        _cursor = due.Count < settings.JanitorBatchSize ? 0 : due[^1].Sequence;
        var refreshed = 0;
        // A charge still held by this instance's submission workers is on its way (a long billing run), not stale.
        foreach (var chargeId in due.Select(charge => charge.Id).Where(id => !workers.Holds(id)))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RefreshChargeCommand(chargeId), cancellationToken);
                refreshed++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One charge that cannot be settled now must not stop the others; it is tried again next sweep.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, chargeId, exception.GetType().Name);
            }
        }

        if (due.Count > 0)
        {
            LogSwept(logger, due.Count, refreshed);
        }

        return refreshed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charges janitor: {Due} charge(s) pending too long, {Refreshed} refreshed")]
    private static partial void LogSwept(ILogger logger, int due, int refreshed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charges janitor: charge {ChargeId} could not be refreshed ({Error})")]
    private static partial void LogRefreshFailed(ILogger logger, Guid chargeId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charges janitor: sweep failed ({Error})")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
