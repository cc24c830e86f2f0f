using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Fintoc.Simulator;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Benchmarks;

/// <summary>
/// One Stopwatch run per figure: webhook signature checks, and the typed client against the simulator on a loopback
/// Kestrel port (so the figures include real HTTP, JSON, the retry pipeline and the rate limiter, which is lifted).
/// </summary>
internal static class FintocBenchmarks
{
    private const int Verifications = 200_000;
    private const int Requests = 2_000;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Fintoc layer benchmark: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs");
        Console.WriteLine();
        Console.WriteLine($"| {"scenario",-62} | {"ops",9} | {"ops/s",10} | {"mean",10} |");
        Console.WriteLine($"|{new string('-', 64)}|{new string('-', 11)}|{new string('-', 12)}|{new string('-', 12)}|");

        var body = Encoding.UTF8.GetBytes("""{"id":"evt_2AaZeLCz0GjOW5zj","type":"payment_intent.succeeded","mode":"test","created_at":"2025-04-05T21:57:31.834Z","data":{"id":"pi_2vKOKniSGXRhXTKrJ67VXZxGCVt","amount":150000,"currency":"CLP","status":"succeeded"}}""");
        var now = DateTimeOffset.UtcNow;
        var header = FintocWebhookSigner.Sign(body, "whsec_bench", now);
        var verifier = new WebhookSignatureVerifier(["whsec_rotated_out", "whsec_bench"]);
        Measure($"verify Fintoc-Signature ({body.Length} B body, 2 secrets)", Verifications, () =>
        {
            for (var i = 0; i < Verifications; i++)
            {
                if (!verifier.Verify(body, header).IsValid)
                {
                    throw new InvalidOperationException("signature refused");
                }
            }

            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFintocSimulator(new ConfigurationBuilder().Build());
        await using var app = builder.Build();
        app.MapFintocSimulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address + "/simulator/");
        // The benchmark measures the client and the simulator, not Fintoc's limit: one bucket per request budget.
        await using var limited = ClientServices(baseAddress, new ModularPayments.Fintoc.Http.RequestRateLimiter(100, TimeProvider.System));
        await using var unlimitedServices = ClientServices(baseAddress, new UnlimitedBucket().Limiter);
        var client = limited.GetRequiredService<IFintocClient>();
        var unlimited = unlimitedServices.GetRequiredService<IFintocClient>();

        var ids = new List<string>(Requests);
        await Measure("client -> simulator: create customer (POST, idempotency key)", Requests, async () =>
        {
            for (var i = 0; i < Requests; i++)
            {
                ids.Add((await unlimited.Customers.CreateAsync(new CreateCustomerRequest($"C{i}", $"c{i}@bench.cl", null), $"bench-{i}")).Id);
            }
        });
        await Measure("client -> simulator: replay of the same key", Requests, async () =>
        {
            for (var i = 0; i < Requests; i++)
            {
                await unlimited.Customers.CreateAsync(new CreateCustomerRequest($"C{i}", $"c{i}@bench.cl", null), $"bench-{i}");
            }
        });
        await Measure("client -> simulator: get customer", Requests, async () =>
        {
            foreach (var id in ids)
            {
                await unlimited.Customers.GetAsync(id);
            }
        });
        await Measure("client -> simulator: list customers, 100 per page (items)", Requests, async () =>
        {
            var count = 0;
            await foreach (var _ in unlimited.Customers.ListAsync(new ListCustomersRequest(Limit: 100)))
            {
                count++;
            }

            if (count != Requests)
            {
                throw new InvalidOperationException($"listed {count}");
            }
        });
        await Measure("client -> simulator: get, with the 100 req/s rate limiter", 300, async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                await client.Customers.GetAsync(ids[i]);
            }
        });

        Console.WriteLine();
        Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    /// <summary>The client as the host registers it (Refit and its handlers), with the given rate limiter.</summary>
    private static ServiceProvider ClientServices(Uri baseAddress, ModularPayments.Fintoc.Http.RequestRateLimiter limiter)
    {
        var services = new ServiceCollection();
        services.AddSingleton(limiter);
        services.AddFintocClient(options =>
        {
            options.BaseAddress = baseAddress;
            options.SecretKey = SimulatorOptions.DefaultApiKey;
            options.RequestsPerSecond = 100;
        });
        return services.BuildServiceProvider();
    }

    private static async Task Measure(string name, int operations, Func<Task> run)
    {
        var stopwatch = Stopwatch.StartNew();
        await run();
        stopwatch.Stop();
        var perSecond = operations / stopwatch.Elapsed.TotalSeconds;
        var mean = stopwatch.Elapsed.TotalMilliseconds * 1000 / operations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-62} | {operations,9:N0} | {perSecond,10:N0} | {mean,7:N1} µs |"));
    }

    /// <summary>A bucket so large it never waits, to measure the rest of the pipeline.</summary>
    private sealed class UnlimitedBucket
    {
        public ModularPayments.Fintoc.Http.RequestRateLimiter Limiter { get; } = new(100, new SteppingClock());
    }

    /// <summary>A clock whose every reading is a second later, so the bucket always refills.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }
}
