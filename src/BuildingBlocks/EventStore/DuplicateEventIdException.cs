namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>
/// An append reused event ids already stored elsewhere (another stream, or not as the stream's same run of events).
/// Idempotent re-appends of the very same events never raise this.
/// </summary>
public sealed class DuplicateEventIdException(string streamId, Guid eventId)
    : Exception($"Event {eventId} is already stored and cannot be appended to '{streamId}' again as part of a different write.")
{
    public string StreamId { get; } = streamId;

    public Guid EventId { get; } = eventId;
}
