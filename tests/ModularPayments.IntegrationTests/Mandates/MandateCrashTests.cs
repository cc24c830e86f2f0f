using System.Net.Http.Headers;
using System.Text.Json;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.EventStore.Sqlite;
using Xunit.Abstractions;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>
/// The real service killed with SIGKILL in the middle of a billing run, restarted on the same store: every due period
/// gets exactly one attempt, and each attempt one charge. In simulator mode the simulator dies with the service, so the
/// log is the judge; against a standalone simulator that survives the kill, its ledger is.
/// </summary>
public sealed class MandateCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Mandates = 600;
    private const string StandaloneWebhookSecret = "whsec_mandate_crash_tests_secret";
    private const string StandaloneMerchantKey = "mp_test_mandate_crash_merchant_key";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-mdt-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => ApiFactory.TryDeleteDirectory(_dataDirectory);

    [Fact]
    public async Task Killed_during_a_billing_run_each_due_period_gets_one_attempt_and_one_charge_after_the_restart()
    {
        DateTimeOffset due;
        int recordedAtKill;
        using (var first = await ServiceProcess.StartAsync(_dataDirectory))
        {
            using var anonymous = new HttpClient { BaseAddress = first.BaseAddress };
            using var merchant = Merchant(first);
            var flow = new MandateFlow(anonymous, merchant);
            var (customerId, method) = await flow.Charges.ActiveMethodAsync("card");
            var start = ChileBankingCalendar.LocalDate(MandateFlow.Time((await anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"])).AddDays(1);
            var schedule = new { frequency = "monthly", day_of_month = start.Day, start_date = start.ToString("yyyy-MM-dd") };
            string? any = null;
            await Parallel.ForEachAsync(Enumerable.Range(0, Mandates), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                any = (await flow.CreateAsync(MandateFlow.MethodMandate(customerId, method["id"]!.GetValue<string>(), 10_000 + i, schedule)))["id"]!.GetValue<string>());
            due = MandateFlow.Time((await flow.GetAsync(any!))["next_charge_at"]);
            await flow.AdvanceUntilAsync(due);
            await Eventually.GetAsync(async () => (await CountAsync("mandates.mandate_next_charge_scheduled.v1")) >= Mandates ? "ok" : null, TimeSpan.FromSeconds(30), "every mandate scheduled");

            _ = merchant.PostAsync("/admin/mandates/billing-runs", null); // not awaited: killed while it runs
            recordedAtKill = await Eventually.GetAsync(async () => await CountAsync("mandates.mandate_charge_requested.v1") is var n and >= 20 ? (object)n : null, TimeSpan.FromSeconds(30), "the run under way") is int n ? n : 0;
            first.KillHard();
        }

        using var second = await ServiceProcess.StartAsync(_dataDirectory);
        using var anonymousAfter = new HttpClient { BaseAddress = second.BaseAddress };
        using var merchantAfter = Merchant(second);
        var after = new MandateFlow(anonymousAfter, merchantAfter);
        await after.AdvanceUntilAsync(due); // the simulator's clock offset lived in the killed process
        await Eventually.GetAsync(
            async () =>
            {
                await after.RunBillingAsync();
                return await CountAsync("mandates.mandate_charge_requested.v1") >= Mandates ? "ok" : null;
            },
            TimeSpan.FromSeconds(60),
            "every period requested after the restart");
        await Eventually.GetAsync(async () => await CountAsync("charges.charge_requested.v1") >= Mandates ? "ok" : null, TimeSpan.FromSeconds(60), "every charge requested");
        await after.RunBillingAsync();

        var attempts = await EventsAsync("mandates.mandate_charge_requested.v1");
        var charges = await EventsAsync("charges.charge_requested.v1");
        output.WriteLine($"{recordedAtKill} of {Mandates} attempts were recorded when the service was killed.");
        Assert.InRange(recordedAtKill, 20, Mandates);
        Assert.Equal(Mandates, attempts.Count);
        Assert.Equal(Mandates, attempts.Select(a => a.GetProperty("mandate_id").GetString()).Distinct().Count());
        Assert.All(attempts, a => Assert.Equal((1, 1), (a.GetProperty("period").GetInt32(), a.GetProperty("attempt").GetInt32())));
        Assert.Equal(Mandates, charges.Count);
        Assert.Equal(attempts.Select(a => a.GetProperty("charge_id").GetString()).Order(), charges.Select(c => c.GetProperty("charge_id").GetString()).Order());
    }

    [Fact]
    public async Task Killed_during_a_billing_run_against_a_standalone_simulator_no_period_reaches_fintoc_twice()
    {
        const int mandates = 300;
        const long firstAmount = 20_000;
        var simulatorPort = SimulatorProcess.FreePort();
        var servicePort = SimulatorProcess.FreePort();
        string[] settings =
        [
            "--Fintoc:SecretKey", "sk_test_simulator",
            "--Fintoc:BaseAddress", $"http://127.0.0.1:{simulatorPort}/simulator/",
            "--Fintoc:WebhookSecrets:0", StandaloneWebhookSecret,
            "--Merchant:ApiKeys:0", StandaloneMerchantKey,
            "--Mandates:BillingInterval", "01:00:00", // billing runs only when the test asks for one
        ];
        using var simulator = await SimulatorProcess.StartAsync(simulatorPort,
        [
            "--Simulator:Webhooks:0:Url", $"http://127.0.0.1:{servicePort}/webhooks/fintoc",
            "--Simulator:Webhooks:0:Secret", StandaloneWebhookSecret,
            "--Simulator:Webhooks:0:EnabledEvents:0", "*",
            "--Simulator:PaymentIntentSettlementSeconds", "1",
        ]);
        using var fintoc = new HttpClient { BaseAddress = simulator.BaseAddress };

        int recordedAtKill;
        using (var first = await ServiceProcess.StartAsync(_dataDirectory, extraArguments: settings, port: servicePort))
        {
            using var merchant = StandaloneFintocFlow.Merchant(first.BaseAddress, StandaloneMerchantKey);
            var (customerId, methodId) = await StandaloneFintocFlow.ActiveCardAsync(merchant, fintoc, "crash-billing@example.com");
            var today = ChileBankingCalendar.LocalDate(DateTimeOffset.UtcNow); // a standalone service bills on the real clock
            var schedule = new { frequency = "monthly", day_of_month = today.Day, start_date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            await Parallel.ForEachAsync(Enumerable.Range(0, mandates), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                using var created = await merchant.PostJsonAsync("/v1/mandates", MandateFlow.MethodMandate(customerId, methodId, firstAmount + i, schedule));
                Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, (await Json.ReadAsync(created)).ToJsonString());
            });
            await Eventually.GetAsync(async () => (await CountAsync("mandates.mandate_next_charge_scheduled.v1")) >= mandates ? "ok" : null, TimeSpan.FromSeconds(30), "every mandate scheduled");
            await Eventually.GetAsync(async () => (await BillingDaysAsync(merchant))["due_now"]!.GetValue<int>() == mandates ? "ok" : null, TimeSpan.FromSeconds(30), "the summary showing every mandate due");

            _ = merchant.PostAsync("/admin/mandates/billing-runs", null); // not awaited: killed while it runs
            await Eventually.GetAsync(async () => await PaymentIntentCountAsync(fintoc) >= 10 ? "ok" : null, TimeSpan.FromSeconds(30), "the first charges on their way to Fintoc");
            first.KillHard(); // attempts recorded, some asked of Charges, some charges submitted, some on the wire
            recordedAtKill = await CountAsync("mandates.mandate_charge_requested.v1");
        }

        var ledgerAtKill = await PaymentIntentCountAsync(fintoc);
        using var second = await ServiceProcess.StartAsync(_dataDirectory, extraArguments: settings, port: servicePort);
        using var merchantAfter = StandaloneFintocFlow.Merchant(second.BaseAddress, StandaloneMerchantKey);
        using var anonymousAfter = new HttpClient { BaseAddress = second.BaseAddress };
        var after = new MandateFlow(anonymousAfter, merchantAfter);
        await Eventually.GetAsync(
            async () =>
            {
                await after.RunBillingAsync();
                return await CountAsync("mandates.mandate_charge_requested.v1") >= mandates ? "ok" : null;
            },
            TimeSpan.FromSeconds(60),
            "every period requested after the restart");
        await Eventually.GetAsync(async () => await CountAsync("charges.charge_succeeded.v1") >= mandates ? "ok" : null, TimeSpan.FromSeconds(90), "every charge succeeded (webhooks reach the restarted service)");
        await after.RunBillingAsync(); // and one more run changes nothing

        var summary = await Eventually.GetAsync(
            async () => await BillingDaysAsync(merchantAfter) is var days && days["data"]!.AsArray().Sum(d => d!["succeeded"]!.GetValue<int>()) == mandates ? days : null,
            TimeSpan.FromSeconds(30),
            "the summary showing every charge succeeded");
        var attempts = await EventsAsync("mandates.mandate_charge_requested.v1");
        var paymentIntents = (await StandaloneFintocFlow.LedgerAsync(fintoc)).Where(e => e["id"]!.GetValue<string>().StartsWith("pi_", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{recordedAtKill} of {mandates} attempts recorded and {ledgerAtKill} payment intents in the ledger when the service was killed; {paymentIntents.Count} after the restart.");
        Assert.InRange(ledgerAtKill, 10, mandates - 1);
        Assert.Equal(mandates, attempts.Count);
        Assert.Equal(mandates, attempts.Select(a => a.GetProperty("mandate_id").GetString()).Distinct().Count());
        Assert.Equal(mandates, paymentIntents.Count);
        Assert.Equal(0, summary["due_now"]!.GetValue<int>());
        Assert.Equal((mandates, mandates, 0), (summary["data"]!.AsArray().Sum(d => d!["due"]!.GetValue<int>()), summary["data"]!.AsArray().Sum(d => d!["submitted"]!.GetValue<int>()), summary["data"]!.AsArray().Sum(d => d!["retried"]!.GetValue<int>())));
        Assert.Equal(
            Enumerable.Range(0, mandates).Select(i => firstAmount + i),
            paymentIntents.Select(e => e["amount"]!.GetValue<long>()).Order());
        Assert.Equal(
            attempts.Select(a => "mp-charge-" + Guid.Parse(a.GetProperty("charge_id").GetString()!).ToString("N")).Order(StringComparer.Ordinal),
            paymentIntents.Select(e => e["idempotency_key"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    private static HttpClient Merchant(ServiceProcess service)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.DevelopmentKey);
        return client;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> BillingDaysAsync(HttpClient merchant) => (await merchant.GetNodeAsync("/admin/mandates/billing-days"))!;

    private static async Task<int> PaymentIntentCountAsync(HttpClient fintoc) =>
        (await StandaloneFintocFlow.LedgerAsync(fintoc)).Count(e => e["id"]!.GetValue<string>().StartsWith("pi_", StringComparison.Ordinal));

    private async Task<int> CountAsync(string eventType) => (await EventsAsync(eventType)).Count;

    private async Task<List<JsonElement>> EventsAsync(string eventType)
    {
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = Path.Combine(_dataDirectory, "events.db") }, TimeProvider.System);
        var found = new List<JsonElement>();
        await foreach (var record in store.ReadAllAsync(0, long.MaxValue))
        {
            if (record.EventType == eventType)
            {
                found.Add(JsonDocument.Parse(record.Data).RootElement.Clone());
            }
        }

        return found;
    }
}
