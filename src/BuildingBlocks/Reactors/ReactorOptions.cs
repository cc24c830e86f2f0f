namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary><c>Reactors:*</c> settings: how often a failing reaction is tried before it is parked, and the pauses between.</summary>
public sealed class ReactorOptions
{
    public const string SectionName = "Reactors";

    public int MaxAttempts { get; set; } = 6;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var ticks = Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 100)
        {
            problems.Add("Reactors:MaxAttempts must be between 1 and 100.");
        }

        if (FirstRetryDelay < TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            problems.Add("Reactors:FirstRetryDelay must be >= 0 and Reactors:MaxRetryDelay >= Reactors:FirstRetryDelay.");
        }

        return problems;
    }
}
