using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Charges;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Domain.Charges;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Mandates.Contracts;
using ModularPayments.Modules.PaymentMethods.Contracts;
using ModularPayments.UnitTests.Fakes;
using ModularPayments.UnitTests.PaymentMethods;

namespace ModularPayments.UnitTests.Charges;

/// <summary>
/// The module behind the real MediatR pipeline (validation, concurrency retry) over the in-memory event store, with
/// Fintoc and the Customers and PaymentMethods modules replaced by fakes.
/// </summary>
internal sealed class ChargesHarness : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-ch-tests-" + Guid.NewGuid().ToString("N"));

    public ChargesHarness()
    {
        Events = new InMemoryEventStore(Clock);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IEventStore>(Events);
        services.AddBuildingBlocks(_dataDirectory, ChargesModule.Assembly);
        services.AddChargesModule();
        services.AddSingleton<IChargeGateway>(Gateway);
        services.AddSingleton<IFintocCustomerLinks>(Links);
        services.AddSingleton<IPaymentMethodDirectory>(Methods);
        services.AddSingleton<ISubscriptionDirectory>(Subscriptions);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(T0);

    public InMemoryEventStore Events { get; }

    public FakeChargeGateway Gateway { get; } = new();

    public FakeFintocCustomerLinks Links { get; } = new();

    public FakePaymentMethodDirectory Methods { get; } = new();

    public FakeSubscriptionDirectory Subscriptions { get; } = new();

    public IServiceProvider Services => _services;

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, CancellationToken.None);
    }

    public IReadOnlyList<string> EventTypes(Guid chargeId) =>
        [.. Events.Stream(ChargeStreams.Charge(chargeId)).Select(e => e.EventType)];

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

internal sealed class FakeSubscriptionDirectory : ISubscriptionDirectory
{
    public Dictionary<string, PublishedSubscription> Subscriptions { get; } = [];

    public Task<PublishedSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Task.FromResult(Subscriptions.GetValueOrDefault(subscriptionId));
}

internal sealed class FakePaymentMethodDirectory : IPaymentMethodDirectory
{
    public Dictionary<Guid, PublishedPaymentMethod> Methods { get; } = [];

    public Task<PublishedPaymentMethod?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken) =>
        Task.FromResult(Methods.GetValueOrDefault(paymentMethodId));
}

/// <summary>Fintoc's payment intents and charges as a dictionary: one object per idempotency key, as Fintoc keeps it.</summary>
internal sealed class FakeChargeGateway : IChargeGateway
{
    private readonly Dictionary<Guid, FintocChargeSnapshot> _byCharge = [];

    public List<ChargeSubmission> Submissions { get; } = [];

    public Dictionary<string, FintocChargeSnapshot> Objects { get; } = [];

    /// <summary>Thrown by the next submission instead of answering (a timeout, a refusal…).</summary>
    public Exception? FailNextSubmit { get; set; }

    /// <summary>Runs inside the submission, after Fintoc "committed": a webhook racing our call.</summary>
    public Func<FintocChargeSnapshot, Task>? WhileSubmitting { get; set; }

    public async Task<FintocChargeSnapshot> SubmitAsync(ChargeSubmission submission, CancellationToken cancellationToken)
    {
        Submissions.Add(submission);
        if (FailNextSubmit is { } failure)
        {
            FailNextSubmit = null;
            throw failure;
        }

        if (!_byCharge.TryGetValue(submission.ChargeId, out var snapshot))
        {
            var id = (submission.Kind == ChargeKinds.SubscriptionCharge ? "ch_" : "pi_") + (_byCharge.Count + 1);
            snapshot = new FintocChargeSnapshot(
                id, submission.Kind == ChargeKinds.SubscriptionCharge ? "pending" : "created", submission.Amount, submission.Currency,
                submission.FintocCustomerId, submission.FintocPaymentMethodId, submission.SubscriptionId, null, submission.Metadata.GetValueOrDefault("mp_charge_id"));
            _byCharge[submission.ChargeId] = snapshot;
            Objects[id] = snapshot;
        }

        if (WhileSubmitting is { } race)
        {
            WhileSubmitting = null;
            await race(snapshot);
        }

        return snapshot;
    }

    public Task<FintocChargeSnapshot> GetAsync(string kind, string fintocId, CancellationToken cancellationToken) =>
        Task.FromResult(Objects[fintocId]);
}
