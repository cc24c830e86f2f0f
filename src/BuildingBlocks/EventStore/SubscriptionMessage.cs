namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>What a catch-up subscription to the global log hands its consumer.</summary>
public abstract record SubscriptionMessage
{
    private SubscriptionMessage()
    {
    }

    /// <summary>The next event in the log.</summary>
    public sealed record Event(RecordedEvent Record) : SubscriptionMessage;

    /// <summary>Everything up to <paramref name="Position"/> has been seen, though not every position held an event for us.</summary>
    public sealed record Checkpoint(long Position) : SubscriptionMessage;

    /// <summary>The subscription has delivered everything stored so far and now waits for new events.</summary>
    public sealed record CaughtUp(long Position) : SubscriptionMessage;
}
