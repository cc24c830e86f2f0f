using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>
/// Two service processes on one event store (one SQLite file, or one EventStoreDB node) and one standalone simulator,
/// both running the billing engine every second: a due period is charged once (the simulator's ledger).
/// </summary>
[Collection(EventStoreDbNodeCollection.Name)]
public sealed class MandateTwoInstancesTests : IDisposable
{
    private const string WebhookSecret = "whsec_two_instances_secret";
    private const string MerchantKey = "mp_test_two_instances_merchant_key";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mp-two-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => ApiFactory.TryDeleteDirectory(_root);

    [Fact]
    public Task Two_instances_on_one_sqlite_file_charge_a_due_period_once() =>
        RunAsync(["--EventStore:SqliteFile", Path.Combine(_root, "shared-events.db")]);

    [EventStoreDbFact]
    public Task Two_instances_on_one_eventstoredb_node_charge_a_due_period_once() =>
        RunAsync(["--EventStore:Provider", "EventStoreDb", "--EventStore:ConnectionString", EventStoreDbFactAttribute.ConnectionString!]);

    private async Task RunAsync(string[] store)
    {
        var simulatorPort = SimulatorProcess.FreePort();
        string[] common =
        [
            .. store,
            "--Fintoc:SecretKey", "sk_test_simulator",
            "--Fintoc:BaseAddress", $"http://127.0.0.1:{simulatorPort}/simulator/",
            "--Fintoc:WebhookSecrets:0", WebhookSecret,
            "--Merchant:ApiKeys:0", MerchantKey,
            "--Mandates:BillingInterval", "00:00:01",
        ];
        using var first = await ServiceProcess.StartAsync(Path.Combine(_root, "a"), extraArguments: common);
        using var second = await ServiceProcess.StartAsync(Path.Combine(_root, "b"), extraArguments: common);
        using var simulator = await SimulatorProcess.StartAsync(simulatorPort,
        [
            "--Simulator:Webhooks:0:Url", new Uri(first.BaseAddress, "/webhooks/fintoc").ToString(),
            "--Simulator:Webhooks:0:Secret", WebhookSecret,
            "--Simulator:Webhooks:0:EnabledEvents:0", "*",
            "--Simulator:PaymentIntentSettlementSeconds", "1",
        ]);
        using var a = StandaloneFintocFlow.Merchant(first.BaseAddress, MerchantKey);
        using var b = StandaloneFintocFlow.Merchant(second.BaseAddress, MerchantKey);
        using var fintoc = new HttpClient { BaseAddress = simulator.BaseAddress };
        var (customerId, methodId) = await StandaloneFintocFlow.ActiveCardAsync(a, fintoc, "two-instances@example.com");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Santiago")).DateTime);
        using var created = await a.PostAsJsonAsync("/v1/mandates", MandateFlow.MethodMandate(
            customerId, methodId, 25_000, new { frequency = "monthly", day_of_month = today.Day, start_date = today.ToString("yyyy-MM-dd") }));
        var mandate = await Json.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, mandate.ToJsonString());
        var id = mandate["id"]!.GetValue<string>();

        // Both instances see the mandate (each from its own read model of the shared log) and bill it every second.
        await Eventually.GetAsync(async () => (await b.GetAsync($"/v1/mandates/{id}")).StatusCode == HttpStatusCode.OK ? "seen" : null, TimeSpan.FromSeconds(30), "the mandate on the second instance");
        var charges = await Eventually.GetAsync(
            async () => (await a.GetNodeAsync($"/v1/mandates/{id}/charges"))!["data"]!.AsArray() is { Count: > 0 } list ? list : null,
            TimeSpan.FromSeconds(60),
            "the first period's charge");
        await Task.Delay(TimeSpan.FromSeconds(4)); // several more billing runs on each instance

        var entries = (await StandaloneFintocFlow.LedgerAsync(fintoc)).Where(e => e["amount"]?.GetValue<long>() == 25_000).ToList();
        Assert.Single(entries);
        Assert.Single((await b.GetNodeAsync($"/v1/mandates/{id}/charges"))!["data"]!.AsArray());
        Assert.Single(charges);
    }
}
