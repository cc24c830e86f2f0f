namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>An event as stored: its place in its stream and in the global log.</summary>
public sealed record RecordedEvent(
    string StreamId,
    long StreamRevision,
    long Position,
    Guid EventId,
    string EventType,
    byte[] Data,
    byte[] Metadata,
    DateTimeOffset CreatedAt);
