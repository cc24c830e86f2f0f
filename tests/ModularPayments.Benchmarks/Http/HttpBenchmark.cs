using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ModularPayments.Benchmarks.Http;

/// <summary>
/// <c>--http</c>: the same load generator, in this process, against a bare minimal API and then the real service, so
/// the service's figures read as a ratio to what this machine's Kestrel and client reach at all. The bare target runs
/// first and alone: the service's OpenTelemetry listens to every host's request activities in the process.
/// </summary>
internal static class HttpBenchmark
{
    private const int SeededCustomers = 1000;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var options = HttpBenchmarkOptions.Parse(args);
        var machine = MachineInfo.Read();
        Console.WriteLine($"HTTP load benchmark: {machine.Summary}");
        Console.WriteLine($"Levels {string.Join(",", options.Levels)} connections, {options.StepDuration.TotalSeconds:F0} s each; open loop {options.OpenLoopRate}/s; workloads {string.Join(",", options.Workloads)}");
        Console.WriteLine();
        Console.WriteLine(StepRow.ConsoleHeader);

        var rows = new List<StepRow>();
        var started = DateTimeOffset.UtcNow;

        await using (var bare = await BareTarget.StartAsync())
        {
            var syntheticIds = Enumerable.Range(0, SeededCustomers).Select(i => "mp_cus_" + Guid.NewGuid().ToString("N")).ToList();
            foreach (var workload in Workloads(options, syntheticIds))
            {
                await RunWorkloadAsync(bare, null, null, workload, options, rows);
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();

        await using (var service = await ServiceTarget.StartAsync())
        using (var profile = new ServerProfile())
        using (var health = new HttpClient())
        {
            var ids = await SeedCustomersAsync(service);
            await DrainAsync(service, health);
            foreach (var workload in Workloads(options, ids))
            {
                await RunWorkloadAsync(service, health, profile, workload, options, rows);
            }
        }

        var report = new BenchmarkReport(options, machine, started, rows);
        var markdown = Path.Combine(options.OutputDirectory, "docs", "benchmarks.md");
        var chart = Path.Combine(options.OutputDirectory, "docs", "benchmarks-http.svg");
        Directory.CreateDirectory(Path.GetDirectoryName(markdown)!);
        await File.WriteAllTextAsync(chart, HttpChart.Render(options, rows));
        await File.WriteAllTextAsync(markdown, report.Markdown());
        Console.WriteLine();
        Console.WriteLine(report.Targets());
        Console.WriteLine($"Wrote {markdown} and {chart}");
    }

    private static IEnumerable<Workload> Workloads(HttpBenchmarkOptions options, IReadOnlyList<string> ids)
    {
        var all = new[] { Workload.RegisterCustomer(), Workload.IngestWebhook(), Workload.ReadCustomer(ids) };
        return all.Where(w => options.Workloads.Contains(w.Name));
    }

    private static async Task RunWorkloadAsync(IBenchTarget target, HttpClient? health, ServerProfile? profile, Workload workload, HttpBenchmarkOptions options, List<StepRow> rows)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await LoadGenerator.ClosedLoopAsync(target, workload, 16, options.Warmup);
            await SettleAsync(target, health);
        }

        foreach (var connections in options.Levels)
        {
            await MeasureAsync(target, health, profile, workload, "closed", connections, rows, () => LoadGenerator.ClosedLoopAsync(target, workload, connections, options.StepDuration));
        }

        await MeasureAsync(target, health, profile, workload, "open", options.OpenLoopRate, rows, () => LoadGenerator.OpenLoopAsync(target, workload, options.OpenLoopRate, options.OpenLoopDuration));
    }

    private static async Task MeasureAsync(IBenchTarget target, HttpClient? health, ServerProfile? profile, Workload workload, string mode, int level, List<StepRow> rows, Func<Task<LoadResult>> step)
    {
        GC.Collect();
        profile?.Take();
        LoadResult load;
        Resources resources;
        await using (var probe = new ResourceProbe())
        {
            load = await step();
            resources = await probe.StopAsync();
        }

        var breakdown = profile?.Take();
        Lag? lag = null;
        TimeSpan? drain = null;
        if (target is ServiceTarget service && health is not null)
        {
            lag = await service.ReadLagAsync(health);
            drain = await DrainAsync(service, health);
        }

        var row = new StepRow(workload.Name, workload.Title, target.Name, mode, level, load, resources, breakdown, lag, drain);
        rows.Add(row);
        Console.WriteLine(row.ConsoleLine());
    }

    private static async Task SettleAsync(IBenchTarget target, HttpClient? health)
    {
        if (target is ServiceTarget service && health is not null)
        {
            await DrainAsync(service, health);
        }
    }

    /// <summary>Waits until every projection and reactor has reached the head, so one step's backlog is not the next one's load.</summary>
    private static async Task<TimeSpan> DrainAsync(ServiceTarget service, HttpClient health)
    {
        var clock = Stopwatch.StartNew();
        while (!(await service.ReadLagAsync(health)).CaughtUp)
        {
            if (clock.Elapsed > DrainTimeout)
            {
                Console.WriteLine($"  (projections/reactors still behind after {DrainTimeout.TotalSeconds:F0} s; going on)");
                break;
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }

    private static async Task<List<string>> SeedCustomersAsync(ServiceTarget service)
    {
        using var client = new HttpClient();
        var workload = Workload.RegisterCustomer();
        var ids = new string[SeededCustomers];
        await Parallel.ForAsync(0, SeededCustomers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            using var request = workload.Create(service, -1 - i);
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            ids[i] = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["id"]!.GetValue<string>();
        });
        return [.. ids];
    }
}

internal sealed record StepRow(string Workload, string WorkloadTitle, string Target, string Mode, int Level, LoadResult Load, Resources Resources, ServerProfile.Breakdown? Profile, Lag? LagAfter, TimeSpan? Drain)
{
    public const string ConsoleHeader = "workload   target   mode    level     req/s   p50 ms   p99 ms p99.9 ms  errors  peak WS  cpu  lag p/r   drain s";

    public double CpuMicrosecondsPerRequest => Load.Requests == 0 ? 0 : Resources.CpuTime.TotalMicroseconds / Load.Requests;

    public string ConsoleLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Workload,-10} {Target,-8} {Mode,-6} {Level,6} {Load.Rate,9:F0} {Load.P50Ms,8:F2} {Load.P99Ms,8:F2} {Load.P999Ms,8:F2} {Load.Errors,7} {Resources.PeakWorkingSet / (1024.0 * 1024),6:F0}MB {Resources.CpuCores,4:F2} {(LagAfter is null ? "-" : $"{LagAfter.Projections}/{LagAfter.Reactors}"),10} {(Drain is null ? "-" : Drain.Value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)),7}{(Load.Errors > 0 ? "  " + Load.ErrorDetail : "")}");
}
