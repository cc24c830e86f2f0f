using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Customers.Application;
using ModularPayments.Modules.Customers.Application.RegisterCustomer;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;
using ModularPayments.UnitTests.Fakes;

namespace ModularPayments.UnitTests.Application;

public class RegisterCustomerCommandHandlerTests
{
    // The claim stream of RUT 12.345.678-5, spelt out: "customers.tax_id-" + wire type + "-" + normalised value.
    private const string RutClaimStream = "customers.tax_id-cl_rut-123456785";
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryEventStore _events;
    private readonly EventSerializer _serializer = new(new EventTypeRegistry([typeof(Customer).Assembly]));
    private readonly RegisterCustomerCommandHandler _handler;

    public RegisterCustomerCommandHandlerTests()
    {
        _events = new InMemoryEventStore(_clock);
        _handler = new RegisterCustomerCommandHandler(new AggregateStore(_events, _serializer, new RequestContext()), _clock);
    }

    private static RegisterCustomerCommand WithRut(string rut, string? key = null, string? name = "Ana") =>
        new(name, null, new TaxIdInput("cl_rut", rut), null, key);

    private Task<RegisterCustomerResult> Handle(RegisterCustomerCommand command) => _handler.Handle(command, CancellationToken.None);

    private int CustomerStreamCount() =>
        _events.All.Select(e => e.StreamId).Distinct().Count(s => s.StartsWith(CustomerStreams.CustomerPrefix, StringComparison.Ordinal));

    private async Task SeedClaimAsync(Guid customerId, DateTimeOffset claimedAt)
    {
        var data = _serializer.Serialize(new TaxIdClaimed("cl_rut", "123456785", customerId, claimedAt), Guid.NewGuid(), new EventMetadata(null, null));
        await _events.AppendToStreamAsync(RutClaimStream, ExpectedRevision.NoStream, [data]);
    }

    [Fact]
    public async Task Registers_a_customer_and_claims_its_tax_id()
    {
        var result = await Handle(new RegisterCustomerCommand(" Ana ", "Ana@Example.com", new TaxIdInput("cl_rut", "12.345.678-5"), new Dictionary<string, string> { ["k"] = "v" }, null));

        Assert.True(result.Created);
        Assert.Equal("Ana", result.Customer.Name);
        Assert.Equal("ana@example.com", result.Customer.Email);
        Assert.Equal(new TaxIdDto("cl_rut", "123456785"), result.Customer.TaxId);
        Assert.Equal(T0, result.Customer.CreatedAt);

        var claim = Assert.IsType<TaxIdClaimed>(_serializer.Deserialize(Assert.Single(_events.Stream(RutClaimStream))));
        Assert.Equal(result.Customer.Id, claim.CustomerId);
        var stored = Assert.IsType<CustomerRegistered>(_serializer.Deserialize(Assert.Single(_events.Stream("customers.customer-" + result.Customer.Id.ToString("N")))));
        Assert.Equal("123456785", stored.TaxIdValue);
    }

    [Theory]
    [InlineData("12345678-5")]
    [InlineData("123456785")]
    [InlineData(" 12.345.678-5 ")]
    public async Task The_same_tax_id_in_another_format_is_a_conflict_naming_the_existing_customer(string sameRut)
    {
        var first = await Handle(WithRut("12.345.678-5"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut(sameRut, name: "Other")));
        Assert.Equal("tax_id_taken", conflict.Code);
        Assert.Equal(PublicIdKind.Customer.Format(first.Customer.Id), conflict.Details["existing_customer_id"]);
        Assert.Equal(1, CustomerStreamCount());
        Assert.Single(_events.Stream(RutClaimStream));
    }

    [Fact]
    public async Task Different_tax_ids_do_not_conflict()
    {
        await Handle(WithRut("12.345.678-5"));
        await Handle(WithRut("11.111.111-1"));
        await Handle(new RegisterCustomerCommand(null, null, new TaxIdInput("mx_rfc", "GODE561231GR8"), null, null));
        Assert.Equal(3, CustomerStreamCount());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_returns_the_same_customer()
    {
        var first = await Handle(WithRut("12.345.678-5", key: "abc"));
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await Handle(WithRut("12345678-5", key: "abc", name: " Ana "));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Customer.Id, second.Customer.Id);
        Assert.Equal(T0, second.Customer.CreatedAt);
        // uuid5(ModularPayments namespace, "customers/register/abc"), computed independently with Python's uuid module.
        Assert.Equal(new Guid("fef02e47-ff69-5250-9179-1e74298467f5"), first.Customer.Id);
        Assert.Equal(1, CustomerStreamCount());
        Assert.Single(_events.Stream(RutClaimStream));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_different_data_is_refused()
    {
        var first = await Handle(WithRut("12.345.678-5", key: "abc"));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut("12.345.678-5", key: "abc", name: "Bea")));
        Assert.Equal("idempotency_key_reused", conflict.Code);
        Assert.Equal(PublicIdKind.Customer.Format(first.Customer.Id), conflict.Details["existing_customer_id"]);

        await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut("11.111.111-1", key: "abc")));
        Assert.Equal(1, CustomerStreamCount());
        Assert.Empty(_events.Stream("customers.tax_id-cl_rut-111111111"));
    }

    [Fact]
    public async Task Different_idempotency_keys_are_different_customers()
    {
        var a = await Handle(new RegisterCustomerCommand(null, "a@b.cl", null, null, "k1"));
        var b = await Handle(new RegisterCustomerCommand(null, "a@b.cl", null, null, "k2"));
        Assert.NotEqual(a.Customer.Id, b.Customer.Id);
    }

    [Fact]
    public async Task An_abandoned_claim_older_than_30_seconds_passes_to_the_new_customer()
    {
        var ghost = Guid.NewGuid();
        await SeedClaimAsync(ghost, T0);
        _clock.SetUtcNow(T0.AddSeconds(31));

        var result = await Handle(WithRut("12.345.678-5"));

        Assert.True(result.Created);
        Assert.NotEqual(ghost, result.Customer.Id);
        var stream = _events.Stream(RutClaimStream);
        Assert.Equal(2, stream.Count);
        var reassigned = Assert.IsType<TaxIdClaimReassigned>(_serializer.Deserialize(stream[1]));
        Assert.Equal(ghost, reassigned.AbandonedCustomerId);
        Assert.Equal(result.Customer.Id, reassigned.CustomerId);
        Assert.Equal(_clock.GetUtcNow(), reassigned.ReassignedAt);
        Assert.Equal(1, CustomerStreamCount());

        // The reassigned claim now protects the new customer.
        _clock.Advance(TimeSpan.FromHours(1));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut("12345678-5")));
        Assert.Equal(PublicIdKind.Customer.Format(result.Customer.Id), conflict.Details["existing_customer_id"]);
    }

    [Fact]
    public async Task A_recent_abandoned_claim_is_still_a_conflict()
    {
        var ghost = Guid.NewGuid();
        await SeedClaimAsync(ghost, T0);
        _clock.SetUtcNow(T0.AddSeconds(29));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut("12.345.678-5")));
        Assert.Equal("tax_id_taken", conflict.Code);
        Assert.Equal(PublicIdKind.Customer.Format(ghost), conflict.Details["existing_customer_id"]);
        Assert.Single(_events.Stream(RutClaimStream));
        Assert.Equal(0, CustomerStreamCount());
    }

    [Fact]
    public async Task A_retry_of_a_request_that_claimed_but_did_not_store_its_customer_completes()
    {
        await SeedClaimAsync(DeterministicGuid.Create("customers/register/retry-1"), T0);
        _clock.SetUtcNow(T0.AddSeconds(1));

        var result = await Handle(WithRut("12.345.678-5", key: "retry-1"));

        Assert.True(result.Created);
        Assert.Equal(DeterministicGuid.Create("customers/register/retry-1"), result.Customer.Id);
        Assert.Single(_events.Stream(RutClaimStream));
    }

    [Fact]
    public async Task Losing_the_race_for_a_tax_id_reports_the_winner()
    {
        var winner = await Handle(new RegisterCustomerCommand("Winner", "w@example.com", null, null, null));
        _events.BeforeAppend = stream =>
        {
            Assert.Equal(RutClaimStream, stream);
            var data = _serializer.Serialize(new TaxIdClaimed("cl_rut", "123456785", winner.Customer.Id, T0), Guid.NewGuid(), new EventMetadata(null, null));
            _events.AppendToStreamAsync(stream, ExpectedRevision.NoStream, [data]).GetAwaiter().GetResult();
        };

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(WithRut("12.345.678-5")));
        Assert.Equal("tax_id_taken", conflict.Code);
        Assert.Equal(PublicIdKind.Customer.Format(winner.Customer.Id), conflict.Details["existing_customer_id"]);
        Assert.Equal(1, CustomerStreamCount());
    }

    [Fact]
    public async Task Invalid_input_reaching_the_handler_is_a_domain_rule_violation()
    {
        Assert.Equal("tax_id.value", (await Assert.ThrowsAsync<DomainRuleViolation>(() => Handle(WithRut("12.345.678-4")))).Field);
        Assert.Equal("email", (await Assert.ThrowsAsync<DomainRuleViolation>(() => Handle(new RegisterCustomerCommand(null, "nope", null, null, null)))).Field);
        Assert.Equal("email", (await Assert.ThrowsAsync<DomainRuleViolation>(() => Handle(new RegisterCustomerCommand(null, null, null, null, null)))).Field);
        Assert.Empty(_events.All);
    }
}
