using System.Text;
using System.Text.Json;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;

namespace ModularPayments.UnitTests.BuildingBlocks;

public class EventSerializerTests
{
    private static readonly EventSerializer Serializer = new(new EventTypeRegistry([typeof(Customer).Assembly]));

    private static RecordedEvent Record(EventData data) =>
        new("stream-1", 0, 1, data.EventId, data.EventType, data.Data, data.Metadata, DateTimeOffset.UnixEpoch);

    [Fact]
    public void CustomerRegistered_round_trips_with_its_metadata_dictionary()
    {
        var original = new CustomerRegistered(
            Guid.NewGuid(),
            "Ana Pérez",
            "ana@example.com",
            "cl_rut",
            "123456785",
            new Dictionary<string, string> { ["OrderRef"] = "A-1", ["plan"] = "gold", ["emoji"] = "✓" },
            new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(-3)));
        var eventId = Guid.NewGuid();

        var data = Serializer.Serialize(original, eventId, new EventMetadata("corr-1", "cause-1"));
        Assert.Equal(eventId, data.EventId);
        Assert.Equal("customers.customer_registered.v1", data.EventType);

        var back = Assert.IsType<CustomerRegistered>(Serializer.Deserialize(Record(data)));
        Assert.Equal(original.CustomerId, back.CustomerId);
        Assert.Equal(original.Name, back.Name);
        Assert.Equal(original.Email, back.Email);
        Assert.Equal(original.TaxIdType, back.TaxIdType);
        Assert.Equal(original.TaxIdValue, back.TaxIdValue);
        Assert.Equal(original.RegisteredAt, back.RegisteredAt);
        Assert.Equal(original.RegisteredAt.Offset, back.RegisteredAt.Offset);
        Assert.Equal(original.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal), back.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));

        Assert.Equal(new EventMetadata("corr-1", "cause-1"), Serializer.ReadMetadata(Record(data)));
    }

    [Fact]
    public void Stored_json_is_snake_case_but_metadata_keys_are_kept_verbatim()
    {
        var data = Serializer.Serialize(
            new CustomerRegistered(Guid.Empty, null, "a@b.cl", null, null, new Dictionary<string, string> { ["OrderRef"] = "A-1" }, DateTimeOffset.UnixEpoch),
            Guid.NewGuid(),
            new EventMetadata("c", null));

        using var json = JsonDocument.Parse(data.Data);
        var root = json.RootElement;
        Assert.True(root.TryGetProperty("customer_id", out _));
        Assert.True(root.TryGetProperty("tax_id_value", out var taxIdValue));
        Assert.Equal(JsonValueKind.Null, taxIdValue.ValueKind);
        Assert.True(root.TryGetProperty("registered_at", out _));
        Assert.Equal("A-1", root.GetProperty("metadata").GetProperty("OrderRef").GetString());

        using var meta = JsonDocument.Parse(data.Metadata);
        Assert.Equal("c", meta.RootElement.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public void TaxIdClaimed_round_trips()
    {
        var original = new TaxIdClaimed("mx_rfc", "GODE561231GR8", Guid.NewGuid(), new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(-6)));
        var data = Serializer.Serialize(original, Guid.NewGuid(), new EventMetadata(null, null));
        Assert.Equal("customers.tax_id_claimed.v1", data.EventType);
        Assert.Equal(original, Serializer.Deserialize(Record(data)));
    }

    [Fact]
    public void An_unknown_event_type_deserialises_to_null()
    {
        var data = new EventData(Guid.NewGuid(), "payments.something_else.v1", Encoding.UTF8.GetBytes("{\"x\":1}"), "{}"u8.ToArray());
        Assert.Null(Serializer.Deserialize(Record(data)));
    }

    [Fact]
    public void A_null_body_of_a_known_type_is_invalid_data()
    {
        var data = new EventData(Guid.NewGuid(), "customers.tax_id_claimed.v1", "null"u8.ToArray(), "{}"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => Serializer.Deserialize(Record(data)));
    }

    [Fact]
    public void Serializing_an_unregistered_event_type_throws() =>
        Assert.Throws<InvalidOperationException>(() => Serializer.Serialize(new UnregisteredEvent(), Guid.NewGuid(), new EventMetadata(null, null)));

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Unreadable_metadata_reads_as_empty(string metadata)
    {
        var data = new EventData(Guid.NewGuid(), "customers.tax_id_claimed.v1", "{}"u8.ToArray(), Encoding.UTF8.GetBytes(metadata));
        Assert.Equal(new EventMetadata(null, null), Serializer.ReadMetadata(Record(data)));
    }

    /// <summary>A domain event without [EventType]. Safe only because no test builds a registry over this assembly.</summary>
    private sealed record UnregisteredEvent : ModularPayments.BuildingBlocks.Domain.IDomainEvent;
}
