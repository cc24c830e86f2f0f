using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.RunBilling;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>Billing runs: how many due mandates were looked at, how many attempts were recorded, how many errors.</summary>
public sealed record BillingRunSummary(DateOnly Day, int Runs, int Examined, int Submitted, int Errors);

/// <summary>
/// Every <c>Mandates:BillingInterval</c> on the service's clock (the simulator's in simulator mode), each active
/// mandate whose projected next charge is due gets its attempt recorded (decided again on its freshly read stream); the requester reactor then asks Charges. Nothing here needs a
/// lock or a leader: a second instance running at the same moment loses on the mandate's revision and records nothing.
/// </summary>
internal sealed partial class BillingEngine(
    IServiceScopeFactory scopes,
    IMandateReadModel readModel,
    IOptions<MandatesOptions> options,
    TimeProvider timeProvider,
    ILogger<BillingEngine> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<DateOnly, BillingRunSummary> _days = new();
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>Per local day of this instance: runs, mandates examined, attempts recorded (most recent first).</summary>
    public IReadOnlyList<BillingRunSummary> Summaries => [.. _days.Values.OrderByDescending(s => s.Day)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BillingInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run is logged and the next tick tries again; billing never stops the host.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRunFailed(logger, exception.GetType().Name);
            }
        }
    }

    /// <summary>One run over the due mandates; returns what it did.</summary>
    public async Task<BillingRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var examined = 0;
            var submitted = 0;
            var errors = 0;
            Guid? after = null;
            var now = timeProvider.GetUtcNow();
            while (true)
            {
                var page = await readModel.PageDueAsync(now, after, options.Value.BillingBatchSize, cancellationToken);
                foreach (var mandateId in page)
                {
                    examined++;
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        if (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RequestDueChargeCommand(mandateId), cancellationToken))
                        {
                            submitted++;
                        }
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // One mandate that cannot be billed now must not stop the others; the next run tries again.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        errors++;
                        LogMandateFailed(logger, mandateId, exception.GetType().Name);
                    }
                }

                if (page.Count < options.Value.BillingBatchSize)
                {
                    break;
                }

                after = page[^1];
            }

            var day = ChileBankingCalendar.LocalDate(now);
            var run = new BillingRunSummary(day, 1, examined, submitted, errors);
            _days.AddOrUpdate(day, run, (_, sum) => sum with { Runs = sum.Runs + 1, Examined = sum.Examined + examined, Submitted = sum.Submitted + submitted, Errors = sum.Errors + errors });
            if (submitted > 0 || errors > 0)
            {
                LogRun(logger, examined, submitted, errors);
            }

            return run;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    public override void Dispose()
    {
        _oneRunAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing run: {Examined} active mandate(s), {Submitted} attempt(s) recorded, {Errors} error(s)")]
    private static partial void LogRun(ILogger logger, int examined, int submitted, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing run: mandate {MandateId} could not be billed ({Error})")]
    private static partial void LogMandateFailed(ILogger logger, Guid mandateId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing run failed ({Error})")]
    private static partial void LogRunFailed(ILogger logger, string error);
}
