using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Modules.Mandates.Application;

namespace ModularPayments.Benchmarks;

/// <summary>
/// A billing run of N due mandates end to end on the real service (embedded store, in-process simulator holding
/// Fintoc's 100 requests/s): the engine records one attempt per mandate, Charges submits each as a Payment Intent
/// through the Fintoc client (90 requests/s by default), the simulator settles them and its webhooks come back.
/// Reports the time to submit them all, the submission rate against the client's limit, the simulator's 429 answers,
/// duplicates in the simulator's ledger, the time until every charge succeeded, and peak memory (service and simulator
/// share the process).
/// </summary>
internal static class BillingEndToEndBenchmark
{
    private const int Methods = 20;
    private const int CreateConcurrency = 16;
    private const int ClientRequestsPerSecond = 90;

    public static async Task RunAsync(int mandates)
    {
        await using var service = await SimulatedService.StartAsync("billing", "--Mandates:BillingInterval", "30.00:00:00"); // the benchmark starts the one run it measures
        var (services, http) = (service.Services, service.Http);
        var methods = await service.ActiveCardsAsync(Methods);
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChileBankingCalendar.LocalDate(clock.GetUtcNow());
        var schedule = new { frequency = "monthly", day_of_month = today.Day, start_date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        Console.Error.WriteLine($"{Methods} card methods active; creating {mandates} mandates due today ({today:yyyy-MM-dd})...");
        var created = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, CreateConcurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < mandates; i = Interlocked.Increment(ref next))
            {
                var (customer, method) = methods[i % Methods];
                using var response = await http.PostAsJsonAsync("/v1/mandates", new
                {
                    customer_id = customer,
                    instrument = new { type = "payment_method", payment_method_id = method },
                    amount = 10_000 + (i % 900), // never ...991-993: the simulator's failing amounts
                    currency = "CLP",
                    schedule,
                    reference_id = "bench" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"mandate {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        created.Stop();

        var readModel = services.GetRequiredService<IMandateReadModel>();
        await ChargesBenchmark.UntilAsync(async () => (await readModel.PageDueAsync(clock.GetUtcNow(), null, mandates, CancellationToken.None)).Count >= mandates, TimeSpan.FromMinutes(10));
        Console.Error.WriteLine($"{mandates} mandates created in {created.Elapsed.TotalSeconds:N1} s and due; billing...");

        var limiter = services.GetRequiredService<SimulatorRateLimit>();
        var ledger = services.GetRequiredService<Ledger>();
        var refusedBefore = limiter.Refused;
        var intentsBefore = ledger.PaymentIntentCount;
        var run = Stopwatch.StartNew();
        var summary = (await (await http.PostAsync("/admin/mandates/billing-runs", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var recorded = run.Elapsed;
        Console.Error.WriteLine($"billing run recorded {summary["submitted"]} attempts in {recorded.TotalSeconds:N1} s; waiting for Fintoc...");

        var progress = Stopwatch.StartNew();
        await ChargesBenchmark.UntilAsync(
            () =>
            {
                var submittedSoFar = ledger.PaymentIntentCount - intentsBefore;
                if (progress.Elapsed > TimeSpan.FromMinutes(1))
                {
                    Console.Error.WriteLine($"  {run.Elapsed.TotalSeconds:N0} s: {submittedSoFar} payment intents, working set {Environment.WorkingSet / (1024 * 1024)} MiB");
                    progress.Restart();
                }

                return Task.FromResult(submittedSoFar >= mandates);
            },
            TimeSpan.FromHours(1));
        var submitted = run.Elapsed;
        Console.Error.WriteLine($"all submitted after {submitted.TotalSeconds:N1} s; waiting for every charge to succeed...");
        await ChargesBenchmark.UntilAsync(async () => (await readModel.BillingDaysAsync(1, CancellationToken.None)) is [var day, ..] && day.Succeeded + day.Failed >= mandates, TimeSpan.FromMinutes(30));
        var settled = run.Elapsed;
        var refused = limiter.Refused - refusedBefore;
        var days = await readModel.BillingDaysAsync(1, CancellationToken.None);

        var keys = ledger.ToJson().Select(e => e!).Where(e => e["object"]!.GetValue<string>() == "payment_intent").Select(e => e["idempotency_key"]!.GetValue<string>()).ToList();
        var attemptKeys = await AttemptIdempotencyKeysAsync(services.GetRequiredService<IEventStore>());
        var attemptedMandates = attemptKeys.Select(a => a.MandateId).Distinct().Count();
        var duplicateIntents = keys.Count - keys.Distinct(StringComparer.Ordinal).Count();
        var intentsWithoutAttempt = keys.Except(attemptKeys.Select(a => a.Key), StringComparer.Ordinal).Count();

        Console.WriteLine($"Billing end to end: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {mandates} monthly mandates due at once on {Methods} card methods, simulator limit 100 requests/s, client limit {ClientRequestsPerSecond}/s");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| mandates created over HTTP ({CreateConcurrency} connections) | {mandates / created.Elapsed.TotalSeconds:N0}/s |");
        Console.WriteLine($"| billing run (one attempt recorded per due mandate) | {recorded.TotalSeconds:N1} s ({mandates / recorded.TotalSeconds:N0} attempts/s) |");
        Console.WriteLine($"| all {mandates} Payment Intents submitted after | {submitted.TotalSeconds:N1} s ({mandates / submitted.TotalSeconds:N1}/s, {100 * mandates / submitted.TotalSeconds / ClientRequestsPerSecond:N0}% of the client's {ClientRequestsPerSecond}/s) |");
        Console.WriteLine($"| 429 answers from the simulator | {refused} |");
        Console.WriteLine($"| payment intents in the ledger / distinct idempotency keys / without a recorded attempt | {keys.Count} / {keys.Count - duplicateIntents} / {intentsWithoutAttempt} |");
        Console.WriteLine($"| attempts recorded / distinct mandates attempted | {attemptKeys.Count} / {attemptedMandates} |");
        Console.WriteLine($"| every charge final after | {settled.TotalSeconds:N1} s (succeeded {days[0].Succeeded}, failed {days[0].Failed}) |");
        Console.WriteLine($"| peak working set (service and simulator) | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB |");
    }

    /// <summary>Every attempt recorded on a mandate, with the idempotency key its charge carries to Fintoc.</summary>
    private static async Task<List<(string MandateId, string Key)>> AttemptIdempotencyKeysAsync(IEventStore store)
    {
        var attempts = new List<(string, string)>();
        await foreach (var record in store.ReadAllAsync(0, long.MaxValue))
        {
            if (record.EventType == "mandates.mandate_charge_requested.v1")
            {
                using var json = JsonDocument.Parse(record.Data);
                attempts.Add((
                    json.RootElement.GetProperty("mandate_id").GetString()!,
                    "mp-charge-" + Guid.Parse(json.RootElement.GetProperty("charge_id").GetString()!).ToString("N")));
            }
        }

        return attempts;
    }
}
