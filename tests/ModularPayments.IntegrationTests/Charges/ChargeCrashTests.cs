using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>
/// The service killed with SIGKILL right after accepting charges (between <c>ChargeRequested</c> and their submission,
/// or in the middle of it), against a standalone simulator that survives the kill: after the restart every charge
/// reaches Fintoc exactly once (the simulator's ledger) and ends in its final state.
/// </summary>
public sealed class ChargeCrashTests : IDisposable
{
    private const string WebhookSecret = "whsec_charge_crash_tests_secret";
    private const string MerchantKey = "mp_test_charge_crash_merchant_key";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-charge-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => ApiFactory.TryDeleteDirectory(_dataDirectory);

    [Fact]
    public async Task Killed_right_after_accepting_charges_each_reaches_fintoc_once_and_ends_final()
    {
        var simulatorPort = SimulatorProcess.FreePort();
        string[] service =
        [
            "--Fintoc:SecretKey", "sk_test_simulator",
            "--Fintoc:BaseAddress", $"http://127.0.0.1:{simulatorPort}/simulator/",
            "--Fintoc:WebhookSecrets:0", WebhookSecret,
            "--Merchant:ApiKeys:0", MerchantKey,
            "--Charges:PendingTimeout", "00:00:02",
            "--Charges:JanitorInterval", "00:00:01",
        ];
        var chargeIds = new List<string>();
        SimulatorProcess? simulator = null;
        try
        {
            using (var first = await ServiceProcess.StartAsync(_dataDirectory, extraArguments: service))
            {
                simulator = await SimulatorProcess.StartAsync(simulatorPort,
                [
                    "--Simulator:Webhooks:0:Url", new Uri(first.BaseAddress, "/webhooks/fintoc").ToString(),
                    "--Simulator:Webhooks:0:Secret", WebhookSecret,
                    "--Simulator:Webhooks:0:EnabledEvents:0", "*",
                    "--Simulator:PaymentIntentSettlementSeconds", "1",
                ]);
                using var merchant = StandaloneFintocFlow.Merchant(first.BaseAddress, MerchantKey);
                using var fintoc = new HttpClient { BaseAddress = simulator.BaseAddress };
                var (customerId, methodId) = await StandaloneFintocFlow.ActiveCardAsync(merchant, fintoc, "crash-charges@example.com");

                var accepted = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => merchant.PostAsJsonAsync("/v1/charges", new
                {
                    customer_id = customerId,
                    payment_method_id = methodId,
                    amount = 10_000 + i,
                    currency = "CLP",
                })));
                Assert.All(accepted, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
                first.KillHard(); // at once: some charges are only requested, some are on their way to Fintoc
                foreach (var response in accepted)
                {
                    chargeIds.Add((await Json.ReadAsync(response))["id"]!.GetValue<string>());
                }
            }

            using var second = await ServiceProcess.StartAsync(_dataDirectory, extraArguments: service);
            using var restarted = StandaloneFintocFlow.Merchant(second.BaseAddress, MerchantKey);
            foreach (var id in chargeIds)
            {
                await Eventually.GetAsync(
                    async () => (await restarted.GetNodeAsync($"/v1/charges/{id}"))!["status"]!.GetValue<string>() == "succeeded" ? "final" : null,
                    TimeSpan.FromSeconds(60),
                    $"charge {id} settled after the restart");
            }

            using var ledgerClient = new HttpClient { BaseAddress = simulator.BaseAddress };
            var keys = (await StandaloneFintocFlow.LedgerAsync(ledgerClient)).Select(e => e["idempotency_key"]?.GetValue<string>()).ToList();
            foreach (var id in chargeIds)
            {
                var key = "mp-charge-" + id["mp_ch_".Length..];
                Assert.Equal(1, keys.Count(k => k == key));
            }
        }
        finally
        {
            simulator?.Dispose();
        }
    }
}
