using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Mandates;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.CreateMandate;
using ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;
using ModularPayments.Modules.Mandates.Application.RunBilling;
using ModularPayments.Modules.PaymentMethods.Contracts;
using ModularPayments.UnitTests.Charges;
using ModularPayments.UnitTests.Fakes;
using ModularPayments.UnitTests.PaymentMethods;

namespace ModularPayments.UnitTests.Mandates;

/// <summary>The module's handlers behind the real MediatR pipeline (validation, concurrency retry) over the in-memory store.</summary>
public sealed class MandateHandlerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000e1");
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000e2");

    private readonly ServiceProvider _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-mdt-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly InMemoryEventStore _events;
    private readonly FakeSubscriptionGateway _subscriptions = new();

    public MandateHandlerTests()
    {
        _events = new InMemoryEventStore(_clock);
        var links = new FakeFintocCustomerLinks();
        links.Link(CustomerId, "cus_F1");
        var methods = new FakePaymentMethodDirectory();
        methods.Methods[MethodId] = new PublishedPaymentMethod(MethodId, CustomerId, "pm_F1", "cus_F1", "card", "active", "CLP");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IEventStore>(_events);
        services.AddBuildingBlocks(_dataDirectory, MandatesModule.Assembly);
        services.AddMandatesModule("/simulator/widget/subscription_intents/{id}?widget_token={widget_token}");
        services.AddSingleton<IFintocCustomerLinks>(links);
        services.AddSingleton<IPaymentMethodDirectory>(methods);
        services.AddSingleton<ISubscriptionGateway>(_subscriptions);
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static CreateMandateCommand Command(string instrument = "payment_method", string? key = "key-1", long amount = 10_000) => new(
        PublicIdKind.Customer.Format(CustomerId), instrument, instrument == "payment_method" ? PublicIdKind.PaymentMethod.Format(MethodId) : null,
        amount, "CLP", "monthly", "1", null, new DateOnly(2026, 12, 1), null, null, null, key);

    private async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, CancellationToken.None);
    }

    [Fact]
    public async Task Twenty_concurrent_billing_runs_record_one_attempt_and_one_charge_claim_for_the_period()
    {
        var mandate = (await SendAsync(Command())).Mandate;
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 3, 30, 0, TimeSpan.Zero));

        var recorded = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => SendAsync(new RequestDueChargeCommand(mandate.Id)))));
        var replayed = await SendAsync(new RequestDueChargeCommand(mandate.Id));

        Assert.Equal(1, recorded.Count(r => r));
        Assert.False(replayed);
        var requests = _events.Stream(MandateStreams.Mandate(mandate.Id)).Where(e => e.EventType == "mandates.mandate_charge_requested.v1").ToList();
        Assert.Single(requests);
        Assert.Single(_events.Stream(MandateStreams.Charge(MandateStreams.ChargeIdFor(mandate.Id, 1, 1))));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_mandate_and_other_parameters_are_refused()
    {
        var first = await SendAsync(Command());
        var again = await SendAsync(Command());

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Mandate.Id, again.Mandate.Id);
        Assert.Equal("active", first.Mandate.Status);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(Command(amount: 20_000)));
        Assert.Equal("idempotency_key_reused", conflict.Code);
    }

    [Fact]
    public async Task A_pac_mandate_asks_fintoc_once_per_mandate_and_answers_the_widget_token_and_page()
    {
        var first = await SendAsync(Command("pac_subscription"));
        var again = await SendAsync(Command("pac_subscription"));

        Assert.Equal("pending_authorization", first.Mandate.Status);
        Assert.Equal("si_1", first.Mandate.Authorization!.SubscriptionIntentId);
        Assert.Equal("/simulator/widget/subscription_intents/si_1?widget_token=si_1_sec", first.Mandate.Authorization.AuthorizationUrl);
        Assert.Equal(first.Mandate.Authorization, again.Mandate.Authorization);
        Assert.Equal([MandateStreams.SubscriptionIntentKey(first.Mandate.Id)], _subscriptions.Keys.Distinct());
    }

    [Fact]
    public async Task Invalid_inputs_are_refused_naming_each_field()
    {
        var invalid = Command() with { CustomerId = "cus_x", Amount = 0, Currency = "USD", Frequency = "daily", MaxAttempts = 0 };

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsync(invalid));

        var fields = refused.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Superset(new HashSet<string> { "customer_id", "amount", "currency", "schedule.frequency", "retry_policy.max_attempts" }, fields);
    }

    [Fact]
    public async Task A_charge_no_mandate_asked_for_changes_nothing()
    {
        Assert.False(await SendAsync(new RecordChargeOutcomeCommand(Guid.NewGuid(), true, null, T0)));
    }

    [Fact]
    public async Task A_pending_method_cannot_carry_a_mandate()
    {
        var methods = _services.GetRequiredService<IPaymentMethodDirectory>() as FakePaymentMethodDirectory;
        methods!.Methods[MethodId] = methods.Methods[MethodId] with { Status = "pending" };

        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => SendAsync(Command(key: "key-2")));

        Assert.Equal(("payment_method_not_active", "instrument.payment_method_id"), (refused.Code, refused.Field));
    }
}

internal sealed class FakeSubscriptionGateway : ISubscriptionGateway
{
    private readonly Dictionary<string, SubscriptionIntentCreated> _byKey = [];

    public List<string> Keys { get; } = [];

    public Task<SubscriptionIntentCreated> CreateIntentAsync(Guid mandateId, string? referenceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        Keys.Add(idempotencyKey);
        if (!_byKey.TryGetValue(idempotencyKey, out var intent))
        {
            var id = "si_" + (_byKey.Count + 1);
            intent = new SubscriptionIntentCreated(id, id + "_sec");
            _byKey[idempotencyKey] = intent;
        }

        return Task.FromResult(intent);
    }
}
