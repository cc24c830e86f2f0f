using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc.Simulator.Api;

namespace ModularPayments.Benchmarks;

/// <summary>
/// Charges end to end on the real service (embedded store, in-process simulator limited to Fintoc's 100 requests/s):
/// how fast merchants' charge requests are accepted, how fast the submitter turns them into Payment Intents against the
/// Fintoc client's own limit (90/s by default), whether Fintoc ever answered 429, and when every charge has succeeded.
/// </summary>
internal static class ChargesBenchmark
{
    private const int Customers = 20;
    private const int Concurrency = 16;
    private const int ClientRequestsPerSecond = 90;

    public static async Task RunAsync(int charges)
    {
        await using var service = await SimulatedService.StartAsync("charges");
        var http = service.Http;
        Console.Error.WriteLine("webhook endpoint registered; saving card methods...");
        var methods = await service.ActiveCardsAsync(Customers);
        Console.Error.WriteLine($"{methods.Count} card methods active; charging...");
        var limiter = service.Services.GetRequiredService<SimulatorRateLimit>();
        var refusedBefore = limiter.Refused;
        var latencies = new double[charges];
        var ids = new string[charges];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < charges; i = Interlocked.Increment(ref next))
            {
                var (customer, method) = methods[i % methods.Count];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/v1/charges", new { customer_id = customer, payment_method_id = method, amount = 10_000 + (i % 900), currency = "CLP" }); // never ...991-993: the simulator's failing amounts
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"charge {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                ids[i] = (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
            }
        }));
        var accepted = clock.Elapsed;
        Console.Error.WriteLine($"{charges} charges accepted in {accepted.TotalSeconds:N1} s; waiting for their submission...");

        var submittedAt = TimeSpan.Zero;
        await UntilAsync(async () =>
        {
            var ledger = (await http.GetFromJsonAsync<JsonNode>("/simulator/test-helpers/ledger"))!;
            var count = (ledger is JsonArray array ? array : ledger["data"]!.AsArray()).Count(e => e!["id"]!.GetValue<string>().StartsWith("pi_", StringComparison.Ordinal));
            submittedAt = clock.Elapsed;
            return count >= charges;
        }, TimeSpan.FromMinutes(10));

        Console.Error.WriteLine($"submitted after {submittedAt.TotalSeconds:N1} s; waiting for every charge to succeed...");
        await UntilAsync(async () => await CountSucceededAsync(http) >= charges, TimeSpan.FromMinutes(10));
        var settled = clock.Elapsed;
        var refused = limiter.Refused - refusedBefore;
        Array.Sort(latencies);

        Console.WriteLine($"Charges benchmark: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {charges} charges on {Customers} card methods, {Concurrency} concurrent merchants");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| charges accepted (202) per second | {charges / accepted.TotalSeconds:N0} |");
        Console.WriteLine($"| POST /v1/charges p50 / p99 | {Percentile(latencies, 0.50):N1} ms / {Percentile(latencies, 0.99):N1} ms |");
        Console.WriteLine($"| Payment Intents submitted per second | {charges / submittedAt.TotalSeconds:N1} ({100 * charges / submittedAt.TotalSeconds / ClientRequestsPerSecond:N0}% of the client's {ClientRequestsPerSecond}/s) |");
        Console.WriteLine($"| 429 answers from the simulator (limit 100/s) | {refused} |");
        Console.WriteLine($"| all {charges} charges succeeded after | {settled.TotalSeconds:N1} s ({charges / settled.TotalSeconds:N1} charges/s end to end) |");
        Console.WriteLine($"| peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB |");
    }

    internal static async Task<(string Customer, string Method)> ActiveCardAsync(HttpClient http, int index)
    {
        var customer = (await (await http.PostAsJsonAsync("/v1/customers", new { email = $"bench{index}@example.com" })).Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var session = (await (await http.PostAsJsonAsync("/v1/setup_sessions", new
        {
            customer_id = customer,
            currency = "CLP",
            success_url = "https://merchant.example/ok",
            cancel_url = "https://merchant.example/ko",
            payment_method_types = new[] { "card" },
        })).Content.ReadFromJsonAsync<JsonNode>())!;
        await http.PostAsJsonAsync(
            $"/simulator/test-helpers/checkout_sessions/{session["fintoc_checkout_session_id"]!.GetValue<string>()}/complete",
            new { card = new { number = "4111111111111111", expiry = "12/30", cvv = "123", holder_name = "Bench" } });
        JsonNode? method = null;
        await UntilAsync(async () =>
        {
            var list = (await http.GetFromJsonAsync<JsonNode>($"/v1/payment_methods?customer_id={customer}&status=active"))!["data"]!.AsArray();
            method = list.Count == 1 ? list[0] : null;
            return method is not null;
        });
        return (customer, method!["id"]!.GetValue<string>());
    }

    private static async Task<int> CountSucceededAsync(HttpClient http)
    {
        var count = 0;
        string? after = null;
        while (true)
        {
            var page = (await http.GetFromJsonAsync<JsonNode>("/v1/charges?status=succeeded&limit=100" + (after is null ? "" : "&starting_after=" + after)))!;
            var data = page["data"]!.AsArray();
            count += data.Count;
            if (!page["has_more"]!.GetValue<bool>() || data.Count == 0)
            {
                return count;
            }

            after = data[^1]!["id"]!.GetValue<string>();
        }
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    internal static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The benchmark's condition was not met in time.");
            }

            await Task.Delay(200);
        }
    }
}
