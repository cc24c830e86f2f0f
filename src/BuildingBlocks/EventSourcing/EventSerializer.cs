using System.Text.Json;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.EventSourcing;

/// <summary>Turns domain events into stored bytes under their registered names, and back.</summary>
public sealed class EventSerializer(EventTypeRegistry registry)
{
    public EventTypeRegistry Registry { get; } = registry;

    public EventData Serialize(IDomainEvent domainEvent, Guid eventId, EventMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var name = Registry.NameOf(domainEvent.GetType());
        var data = JsonSerializer.SerializeToUtf8Bytes(domainEvent, domainEvent.GetType(), JsonDefaults.Events);
        var meta = JsonSerializer.SerializeToUtf8Bytes(metadata, JsonDefaults.Events);
        return new EventData(eventId, name, data, meta);
    }

    /// <summary>The domain event stored in <paramref name="recorded"/>, or null when its type is not one of ours.</summary>
    public IDomainEvent? Deserialize(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!Registry.TryGetType(recorded.EventType, out var type))
        {
            return null;
        }

        return (IDomainEvent?)JsonSerializer.Deserialize(recorded.Data, type, JsonDefaults.Events)
            ?? throw new InvalidDataException($"Event {recorded.EventId} ({recorded.EventType}) has an empty body.");
    }

    public EventMetadata ReadMetadata(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.Metadata.Length == 0)
        {
            return new EventMetadata(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<EventMetadata>(recorded.Metadata, JsonDefaults.Events) ?? new EventMetadata(null, null);
        }
        catch (JsonException)
        {
            return new EventMetadata(null, null);
        }
    }
}
