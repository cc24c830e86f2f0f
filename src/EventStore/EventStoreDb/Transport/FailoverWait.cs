using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>
/// Runs a call again while the cluster has no leader to take it (ADR 0018): an unreachable node, a cut connection, a
/// follower that knows no leader yet, a node that is not ready. Waits grow from 50 ms to 1 s; past the bound the last
/// failure is thrown as an unavailable store. The caller makes repeating safe (reads; appends checked by event id).
/// </summary>
internal sealed partial class FailoverWait(TimeSpan bound, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public TimeSpan Bound => bound;

    public async Task<T> RunAsync<T>(string what, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var delay = FirstDelay;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (EventStoreDbException failure) when (failure.IsUnavailable && !cancellationToken.IsCancellationRequested)
            {
                var waited = timeProvider.GetElapsedTime(started);
                if (waited + delay > bound)
                {
                    if (bound <= TimeSpan.Zero)
                    {
                        throw;
                    }

                    throw new EventStoreDbException(
                        StatusCode.Unavailable,
                        $"EventStoreDB had no leader to take the {what} within {bound.TotalMilliseconds:0} ms ({attempts} attempts): {failure.Message}",
                        failure.ErrorKind,
                        failure.Metadata,
                        failure);
                }

                LogWaitingForLeader(logger, what, attempts, delay.TotalMilliseconds, failure.Message);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                delay = delay + delay < MaxDelay ? delay + delay : MaxDelay;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventStoreDB could not take the {What} (attempt {Attempt}); waiting {DelayMs} ms for a leader: {Reason}")]
    private static partial void LogWaitingForLeader(ILogger logger, string what, int attempt, double delayMs, string reason);
}
