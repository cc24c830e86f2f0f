using System.Collections.Concurrent;
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
/// which reads every <c>ChargeRequested</c> from the log, retries and parks as for any reaction. The reactor waits for
/// the workers on a charge they hold instead of submitting it a second time, so a billing run of a hundred thousand
/// charges goes to Fintoc at the workers' pace, once each, and the reactor's checkpoint still only passes a charge once
/// it was submitted.
/// </summary>
internal sealed partial class ChargeSubmissionQueue(IServiceScopeFactory scopes, IOptions<ChargesOptions> options, ILogger<ChargeSubmissionQueue> logger)
    : BackgroundService, IChargeSubmissionQueue
{
    /// <summary>A billing day's worth: 16 bytes a charge in the channel, about 100 in the table of who waits.</summary>
    private const int Capacity = 200_000;

    private readonly Channel<Guid> _queue = Channel.CreateBounded<Guid>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<bool>> _held = new();

    public void Enqueue(Guid chargeId)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_held.TryAdd(chargeId, done))
        {
            return; // already on its way
        }

        if (!_queue.Writer.TryWrite(chargeId))
        {
            Release(chargeId, submitted: false);
        }
    }

    public bool Holds(Guid chargeId) => _held.ContainsKey(chargeId);

    public async Task<bool> WaitForWorkersAsync(Guid chargeId, CancellationToken cancellationToken) =>
        _held.TryGetValue(chargeId, out var done) && await done.Task.WaitAsync(cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.SubmissionWorkers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var chargeId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var submitted = false;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitChargeCommand(chargeId), stoppingToken);
                    submitted = true;
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
                finally
                {
                    Release(chargeId, submitted);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Release(Guid chargeId, bool submitted)
    {
        if (_held.TryRemove(chargeId, out var done))
        {
            done.TrySetResult(submitted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fast submission failed ({Error}); the charges-submitter reactor takes it over")]
    private static partial void LogLeftToReactor(ILogger logger, string error);
}
