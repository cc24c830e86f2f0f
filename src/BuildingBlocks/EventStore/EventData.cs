namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>An event to append. The id makes re-appending the same event idempotent.</summary>
public sealed record EventData(Guid EventId, string EventType, byte[] Data, byte[] Metadata)
{
    public static EventData Json(Guid eventId, string eventType, byte[] data) => new(eventId, eventType, data, "{}"u8.ToArray());
}
