using Microsoft.Extensions.Time.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.PaymentMethods;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.UnitTests.Fakes;

namespace ModularPayments.UnitTests.PaymentMethods;

/// <summary>
/// The module behind the real MediatR pipeline (validation, concurrency retry) over the in-memory event store, with
/// Fintoc and the Customers module replaced by fakes.
/// </summary>
internal sealed class PaymentMethodsHarness : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-pm-tests-" + Guid.NewGuid().ToString("N"));

    public PaymentMethodsHarness()
    {
        Events = new InMemoryEventStore(Clock);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IEventStore>(Events);
        services.AddBuildingBlocks(_dataDirectory, PaymentMethodsModule.Assembly);
        services.AddPaymentMethodsModule();
        services.AddSingleton<ISetupGateway>(Gateway);
        services.AddSingleton<IFintocCustomerLinks>(Links);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(T0);

    public InMemoryEventStore Events { get; }

    public FakeSetupGateway Gateway { get; } = new();

    public FakeFintocCustomerLinks Links { get; } = new();

    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, CancellationToken.None);
    }

    public IReadOnlyList<string> StreamsStartingWith(string prefix) =>
        [.. Events.All.Select(e => e.StreamId).Distinct().Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];

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

internal sealed class FakeFintocCustomerLinks : IFintocCustomerLinks
{
    private readonly Dictionary<Guid, string> _links = [];

    public int EnsureCalls { get; private set; }

    public void Link(Guid customerId, string fintocCustomerId) => _links[customerId] = fintocCustomerId;

    public Task<FintocCustomerLink?> EnsureLinkedAsync(Guid customerId, CancellationToken cancellationToken)
    {
        EnsureCalls++;
        return Task.FromResult(_links.TryGetValue(customerId, out var fintocId) ? new FintocCustomerLink(customerId, fintocId) : null);
    }

    public Task<Guid?> FindByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken) =>
        Task.FromResult(_links.Where(pair => pair.Value == fintocCustomerId).Select(pair => (Guid?)pair.Key).FirstOrDefault());
}

/// <summary>Fintoc's setup checkout as a dictionary: creating twice with one idempotency key gives one session.</summary>
internal sealed class FakeSetupGateway : ISetupGateway
{
    private readonly Dictionary<Guid, CheckoutSnapshot> _byOurId = [];

    public List<SetupCheckoutRequest> CreateRequests { get; } = [];

    public Dictionary<string, CheckoutSnapshot> Checkouts { get; } = [];

    public Dictionary<string, PaymentMethodSnapshot> Methods { get; } = [];

    public Exception? FailNextCreate { get; set; }

    public Task<CheckoutSnapshot> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken)
    {
        CreateRequests.Add(request);
        if (FailNextCreate is { } failure)
        {
            FailNextCreate = null;
            throw failure;
        }

        if (!_byOurId.TryGetValue(request.SetupSessionId, out var snapshot))
        {
            var id = "cs_" + (_byOurId.Count + 1);
            snapshot = new CheckoutSnapshot(
                id, "setup", "created", "https://pay.fintoc.test/checkout/" + id, PaymentMethodsHarness.T0.AddHours(1),
                request.PaymentMethodTypes.Count == 0 ? ["pac", "card"] : request.PaymentMethodTypes,
                null, request.FintocCustomerId, request.Metadata.GetValueOrDefault("mp_setup_session_id"));
            _byOurId[request.SetupSessionId] = snapshot;
            Checkouts[id] = snapshot;
        }

        return Task.FromResult(snapshot);
    }

    public Task<CheckoutSnapshot> GetCheckoutAsync(string fintocCheckoutSessionId, CancellationToken cancellationToken) =>
        Task.FromResult(Checkouts[fintocCheckoutSessionId]);

    public Task<PaymentMethodSnapshot> GetPaymentMethodAsync(string fintocPaymentMethodId, CancellationToken cancellationToken) =>
        Task.FromResult(Methods[fintocPaymentMethodId]);
}
