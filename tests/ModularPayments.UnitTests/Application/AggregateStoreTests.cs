using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;
using ModularPayments.Modules.Customers.Domain.TaxIds;
using ModularPayments.UnitTests.Fakes;

namespace ModularPayments.UnitTests.Application;

public class AggregateStoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TaxId Rut = TaxId.Create("cl_rut", "11.111.111-1");
    private readonly InMemoryEventStore _events = new(new FakeTimeProvider(T0));
    private readonly EventSerializer _serializer = new(new EventTypeRegistry([typeof(Customer).Assembly]));
    private readonly RequestContext _context = new() { CorrelationId = "req-42", CausationId = "cause-7" };

    private AggregateStore Store() => new(_events, _serializer, _context);

    [Fact]
    public async Task A_stream_that_does_not_exist_loads_as_a_new_aggregate()
    {
        var claim = await Store().LoadAsync<TaxIdClaim>("nothing-here");
        Assert.True(claim.IsNew);
        Assert.False(claim.State.IsClaimed);
    }

    [Fact]
    public async Task Stored_changes_load_back_with_their_revision_and_metadata()
    {
        var claim = new TaxIdClaim();
        claim.Claim(Rut, Guid.NewGuid(), T0);
        var revision = await Store().StoreAsync("claim-1", claim);

        Assert.Equal(0, revision);
        Assert.Equal(0, claim.OriginalRevision);
        Assert.Empty(claim.Changes);

        var loaded = await Store().LoadAsync<TaxIdClaim>("claim-1");
        Assert.Equal(0, loaded.OriginalRevision);
        Assert.Equal(claim.State, loaded.State);

        var stored = Assert.Single(_events.Stream("claim-1"));
        Assert.Equal("customers.tax_id_claimed.v1", stored.EventType);
        using var metadata = JsonDocument.Parse(stored.Metadata);
        Assert.Equal("req-42", metadata.RootElement.GetProperty("correlation_id").GetString());
        Assert.Equal("cause-7", metadata.RootElement.GetProperty("causation_id").GetString());
    }

    [Fact]
    public async Task Storing_without_changes_appends_nothing()
    {
        var loaded = await Store().LoadAsync<TaxIdClaim>("claim-1");
        Assert.Equal(-1, await Store().StoreAsync("claim-1", loaded));
        Assert.Equal(0, _events.AppendCalls);
    }

    [Fact]
    public async Task A_writer_that_loaded_an_older_revision_loses()
    {
        var first = await Store().LoadAsync<TaxIdClaim>("claim-1");
        var second = await Store().LoadAsync<TaxIdClaim>("claim-1");
        first.Claim(Rut, Guid.NewGuid(), T0);
        second.Claim(Rut, Guid.NewGuid(), T0);

        await Store().StoreAsync("claim-1", first);
        var conflict = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store().StoreAsync("claim-1", second));
        Assert.Equal(ExpectedRevision.NoStream, conflict.Expected);
        Assert.Equal(0, conflict.ActualRevision);
        Assert.Single(_events.Stream("claim-1"));
    }

    [Fact]
    public async Task Later_changes_are_appended_at_the_loaded_revision()
    {
        var abandoned = Guid.NewGuid();
        var claim = new TaxIdClaim();
        claim.Claim(Rut, abandoned, T0);
        await Store().StoreAsync("claim-1", claim);

        var reloaded = await Store().LoadAsync<TaxIdClaim>("claim-1");
        var heir = Guid.NewGuid();
        reloaded.ReassignAbandoned(Rut, heir, claimantExists: false, T0.AddMinutes(1));
        Assert.Equal(1, await Store().StoreAsync("claim-1", reloaded));

        Assert.Equal([0L, 1L], _events.Stream("claim-1").Select(e => e.StreamRevision));
        Assert.Equal(heir, (await Store().LoadAsync<TaxIdClaim>("claim-1")).State.CustomerId);
    }

    [Fact]
    public async Task With_an_idempotency_key_a_replayed_write_is_not_duplicated()
    {
        // Both attempts start from the empty stream, as a retry after a lost answer does.
        var id = Guid.NewGuid();
        var attempt1 = new Customer();
        var attempt2 = new Customer();
        attempt1.Register(id, "Ana", EmailAddress.Create("a@b.cl"), null, new Dictionary<string, string>(), T0);
        attempt2.Register(id, "Ana", EmailAddress.Create("a@b.cl"), null, new Dictionary<string, string>(), T0);

        Assert.Equal(0, await Store().StoreAsync("customer-1", attempt1, "key-1"));
        Assert.Equal(0, await Store().StoreAsync("customer-1", attempt2, "key-1"));

        var stored = Assert.Single(_events.Stream("customer-1"));
        Assert.Equal(DeterministicGuid.Create("customer-1|0|key-1"), stored.EventId);
    }

    [Fact]
    public async Task Without_an_idempotency_key_a_replayed_write_conflicts()
    {
        var attempt1 = new Customer();
        var attempt2 = new Customer();
        attempt1.Register(Guid.NewGuid(), null, EmailAddress.Create("a@b.cl"), null, new Dictionary<string, string>(), T0);
        attempt2.Register(Guid.NewGuid(), null, EmailAddress.Create("a@b.cl"), null, new Dictionary<string, string>(), T0);
        await Store().StoreAsync("customer-1", attempt1);
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store().StoreAsync("customer-1", attempt2));
    }

    [Fact]
    public async Task A_stream_holding_an_unregistered_event_type_cannot_be_loaded()
    {
        await _events.AppendToStreamAsync("claim-1", ExpectedRevision.NoStream, [EventData.Json(Guid.NewGuid(), "payments.unknown.v1", "{}"u8.ToArray())]);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store().LoadAsync<TaxIdClaim>("claim-1"));
        Assert.Contains("payments.unknown.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_aggregates_can_be_loaded() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store().LoadAsync<object>("claim-1"));
}
