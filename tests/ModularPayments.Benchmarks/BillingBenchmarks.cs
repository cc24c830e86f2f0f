using System.Collections.Concurrent;
using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.EventStore.Sqlite;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Mandates;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.CreateMandate;
using ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.Benchmarks;

/// <summary>
/// One billing run over N due payment-method mandates: the engine (projection query, one stream read and two appends
/// per mandate) and the requester reactor asking Charges for each attempt. Charges is a counter here, so the figure is
/// the Mandates side alone; what follows (Charges' append, the call to Fintoc) is bound by the Fintoc rate limit.
/// </summary>
internal static class BillingBenchmarks
{
    public static async Task RunAsync(int mandates)
    {
        var directory = Path.Combine(Path.GetTempPath(), "modularpayments-billing-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var charges = new CountingChargeRequests();
        var customerId = Guid.CreateVersion7();
        var methodId = Guid.CreateVersion7();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mandates:BillingInterval"] = "365.00:00:00" }).Build());
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IEventStore>(new SqliteEventStore(new SqliteEventStoreOptions { FilePath = Path.Combine(directory, "events.db") }, clock));
        services.AddBuildingBlocks(directory, MandatesModule.Assembly);
        services.AddMandatesModule();
        services.AddSingleton<IFintocCustomerLinks>(new OneCustomer(customerId));
        services.AddSingleton<IPaymentMethodDirectory>(new OneMethod(customerId, methodId));
        services.AddSingleton<IChargeRequests>(charges);
        services.AddSingleton<ISubscriptionGateway, NoSubscriptions>();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        Console.WriteLine($"Billing benchmark: {mandates} monthly payment-method mandates due at once, SQLite store in {directory}");
        var create = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, mandates), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new CreateMandateCommand(PublicIdKind.Customer.Format(customerId), "payment_method", PublicIdKind.PaymentMethod.Format(methodId), 10_000 + i, "CLP", "monthly", "1", null, new DateOnly(2026, 12, 1), null, null, null, "bench-" + i),
                token);
        });
        create.Stop();
        Console.WriteLine($"  created {mandates} mandates in {create.Elapsed.TotalSeconds:F1} s ({mandates / create.Elapsed.TotalSeconds:F0}/s)");

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var readModel = provider.GetRequiredService<IMandateReadModel>();
        var projected = Stopwatch.StartNew();
        int due;
        while ((due = (await readModel.PageDueAsync(clock.GetUtcNow(), null, mandates, CancellationToken.None)).Count) < mandates)
        {
            if (projected.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"The mandates projection shows {due} of {mandates} due mandates after five minutes.");
            }

            await Task.Delay(100);
        }

        Console.WriteLine($"  projection caught up {projected.Elapsed.TotalSeconds:F1} s after the last create");
        var engine = provider.GetRequiredService<Modules.Mandates.Infrastructure.BillingEngine>();
        var run = Stopwatch.StartNew();
        var summary = await engine.RunAsync(CancellationToken.None);
        run.Stop();
        while (charges.Requests < summary.Submitted)
        {
            await Task.Delay(50);
        }

        Console.WriteLine($"  billing run: {summary.Examined} due, {summary.Submitted} attempts recorded, {summary.Errors} errors in {run.Elapsed.TotalSeconds:F1} s ({summary.Submitted / run.Elapsed.TotalSeconds:F0} attempts/s)");
        Console.WriteLine($"  requester reactor: {charges.Requests} charge requests, {charges.Duplicates} for a charge id already requested, last one {(charges.LastAt - charges.FirstAt).TotalSeconds:F1} s after the first");
        Console.WriteLine($"  a second run at the same instant: {(await engine.RunAsync(CancellationToken.None)).Submitted} attempts");
        using (var process = Process.GetCurrentProcess())
        {
            Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB");
        }

        Console.WriteLine($"  at Fintoc's 100 requests/s (our client's limiter: 90/s), {summary.Submitted} charges take at least {summary.Submitted / 90.0:F0} s to submit");
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private sealed class CountingChargeRequests : IChargeRequests
    {
        private readonly ConcurrentDictionary<Guid, byte> _seen = new();
        private int _requests;
        private int _duplicates;

        public int Requests => _requests;

        public int Duplicates => _duplicates;

        public DateTime FirstAt { get; private set; }

        public DateTime LastAt { get; private set; }

        public Task RequestAsync(Guid chargeId, Guid customerId, Guid? paymentMethodId, string? subscriptionId, long amount, string currency, string? description, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                FirstAt = DateTime.UtcNow;
            }

            if (!_seen.TryAdd(chargeId, 0))
            {
                Interlocked.Increment(ref _duplicates);
            }

            LastAt = DateTime.UtcNow;
            return Task.CompletedTask;
        }
    }

    private sealed class NoSubscriptions : ISubscriptionGateway
    {
        public Task<SubscriptionIntentCreated> CreateIntentAsync(Guid mandateId, string? referenceId, string idempotencyKey, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The billing benchmark uses payment-method mandates only.");
    }

    private sealed class OneCustomer(Guid customerId) : IFintocCustomerLinks
    {
        public Task<FintocCustomerLink?> EnsureLinkedAsync(Guid id, CancellationToken cancellationToken) =>
            Task.FromResult(id == customerId ? new FintocCustomerLink(id, "cus_bench") : null);

        public Task<Guid?> FindByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken) => Task.FromResult<Guid?>(customerId);
    }

    private sealed class OneMethod(Guid customerId, Guid methodId) : IPaymentMethodDirectory
    {
        public Task<PublishedPaymentMethod?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken) =>
            Task.FromResult(paymentMethodId == methodId ? new PublishedPaymentMethod(methodId, customerId, "pm_bench", "cus_bench", "card", "active", "CLP") : null);
    }
}
