namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>
/// Fintoc's per-organization API limit, when <c>Simulator:RequestsPerSecond</c> is set: at most that many API calls in any
/// one-second window of real time; the others get 429 <c>rate_limit_exceeded</c> with <c>Retry-After: 1</c>, and are
/// counted so a test or a benchmark can tell whether a client stayed within the limit.
/// </summary>
public sealed class SimulatorRateLimit(SimulatorOptions options, TimeProvider realTime)
{
    private readonly Queue<long> _admitted = new();
    private readonly Lock _gate = new();
    private long _refused;

    public SimulatorRateLimit(SimulatorOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <summary>How many calls were refused with 429 since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public bool TryAdmit()
    {
        if (options.RequestsPerSecond <= 0)
        {
            return true;
        }

        var now = realTime.GetTimestamp();
        var windowStart = now - realTime.TimestampFrequency;
        lock (_gate)
        {
            while (_admitted.Count > 0 && _admitted.Peek() <= windowStart)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count < options.RequestsPerSecond)
            {
                _admitted.Enqueue(now);
                return true;
            }
        }

        Interlocked.Increment(ref _refused);
        return false;
    }
}
