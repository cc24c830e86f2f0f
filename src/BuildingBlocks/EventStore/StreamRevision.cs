namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>Well-known revisions to start a stream read from.</summary>
public static class StreamRevision
{
    public const long Start = 0;

    /// <summary>The last event, for backwards reads.</summary>
    public const long End = long.MaxValue;
}

/// <summary>Well-known places in the global log. Positions are exclusive starting points: "events after this".</summary>
public static class LogPosition
{
    /// <summary>Before the first event.</summary>
    public const long Start = 0;
}
