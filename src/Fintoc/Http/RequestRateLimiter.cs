namespace ModularPayments.Fintoc.Http;

/// <summary>
/// A sliding one-second window on the injected clock: at most <c>requestsPerSecond</c> requests start in any second.
/// Fintoc answers 429 above 100 requests/second; staying under it is cheaper than backing off. (A token bucket of the
/// same size would let a full burst follow a full second of refill: twice the limit within one second.)
/// </summary>
public sealed class RequestRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly Queue<long> _recentStarts = new();
    private readonly Lock _gate = new();

    public RequestRateLimiter(int requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limit = requestsPerSecond;
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                while (_recentStarts.Count > 0 && _time.GetElapsedTime(_recentStarts.Peek(), now) >= Window)
                {
                    _recentStarts.Dequeue();
                }

                if (_recentStarts.Count < _limit)
                {
                    _recentStarts.Enqueue(now);
                    return;
                }

                wait = Window - _time.GetElapsedTime(_recentStarts.Peek(), now);
            }

            await Task.Delay(wait < ShortestWait ? ShortestWait : wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
