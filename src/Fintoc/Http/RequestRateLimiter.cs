namespace ModularPayments.Fintoc.Http;

/// <summary>
/// A token bucket on the injected clock: at most <c>requestsPerSecond</c> requests start in any second, with bursts of
/// the same size. Fintoc answers 429 above 100 requests/second; staying under it is cheaper than backing off.
/// </summary>
public sealed class RequestRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;

    public RequestRateLimiter(int requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _capacity = requestsPerSecond;
        _tokens = requestsPerSecond;
        _tokensPerTick = requestsPerSecond / (double)time.TimestampFrequency;
        _lastRefill = time.GetTimestamp();
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + ((now - _lastRefill) * _tokensPerTick));
                _lastRefill = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / (_tokensPerTick * _time.TimestampFrequency));
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
