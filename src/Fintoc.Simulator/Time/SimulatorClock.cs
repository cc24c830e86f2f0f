namespace ModularPayments.Fintoc.Simulator.Time;

/// <summary>
/// Real time plus a forward-only offset. Test helpers move it ahead; when the simulator is the provider the whole
/// service runs on it, so PAC activations, 16:00 charge processing and webhook retries can be reached in milliseconds.
/// </summary>
public sealed class SimulatorClock(TimeProvider? realTime = null) : TimeProvider
{
    private readonly TimeProvider _real = realTime ?? System;
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    /// <summary>Moves the clock ahead; it never goes back.</summary>
    internal void MoveForward(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
