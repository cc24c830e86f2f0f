using System.Diagnostics;

namespace ModularPayments.Benchmarks.Http;

/// <summary>
/// Drives a target over loopback HTTP/1.1. Closed loop: N connections, each sending its next request as soon as the
/// previous answer is read, for a duration. Open loop: requests started on a fixed schedule whatever the answers do,
/// each latency counted from its scheduled start (so a stalled server is not hidden by the client waiting for it).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> ClosedLoopAsync(IBenchTarget target, Workload workload, int connections, TimeSpan duration)
    {
        using var client = NewClient(connections);
        var sequence = 0L;
        var recorders = Enumerable.Range(0, connections).Select(_ => new Recorder()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = recorders.Select(recorder => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var began = Stopwatch.GetTimestamp();
                using var request = workload.Create(target, Interlocked.Increment(ref sequence));
                await SendAsync(client, request, recorder, began);
            }
        }));
        await Task.WhenAll(workers);
        return LoadResult.From(recorders, Stopwatch.GetElapsedTime(start));
    }

    public static async Task<LoadResult> OpenLoopAsync(IBenchTarget target, Workload workload, int rate, TimeSpan duration)
    {
        // Enough connections that the client never queues at 1,000/s unless the server itself stalls.
        using var client = NewClient(512);
        var total = (long)(rate * duration.TotalSeconds);
        var interval = (double)Stopwatch.Frequency / rate;
        var recorder = new Recorder();
        var inFlight = new List<Task>((int)total);
        var start = Stopwatch.GetTimestamp();
        var sent = 0L;
        while (sent < total)
        {
            var due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - start) / interval) + 1);
            for (; sent < due; sent++)
            {
                var scheduled = start + (long)(sent * interval);
                var n = sent;
                inFlight.Add(Task.Run(async () =>
                {
                    using var request = workload.Create(target, n);
                    await SendAsync(client, request, recorder, scheduled);
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        return LoadResult.From([recorder], Stopwatch.GetElapsedTime(start));
    }

    private static HttpClient NewClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, Recorder recorder, long began)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            recorder.Add(Stopwatch.GetTimestamp() - began, (int)response.StatusCode);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Add(Stopwatch.GetTimestamp() - began, 0);
        }
    }

    /// <summary>Latencies (Stopwatch ticks) and status codes; 0 stands for a request that got no answer.</summary>
    internal sealed class Recorder
    {
        private readonly Lock _gate = new();

        public List<long> Latencies { get; } = new(4096);

        public Dictionary<int, int> Statuses { get; } = [];

        public void Add(long ticks, int status)
        {
            lock (_gate)
            {
                Latencies.Add(ticks);
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            }
        }
    }
}

internal sealed record LoadResult(long Requests, long Errors, string ErrorDetail, TimeSpan Elapsed, double P50Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public double Rate => Requests / Elapsed.TotalSeconds;

    public static LoadResult From(IReadOnlyList<LoadGenerator.Recorder> recorders, TimeSpan elapsed)
    {
        var latencies = recorders.SelectMany(r => r.Latencies).Order().ToArray();
        var statuses = recorders.SelectMany(r => r.Statuses).GroupBy(s => s.Key, s => s.Value).ToDictionary(g => g.Key, g => g.Sum());
        var errors = statuses.Where(s => s.Key is < 200 or >= 300).OrderBy(s => s.Key).ToList();
        var detail = string.Join(" ", errors.Select(e => $"{(e.Key == 0 ? "no-answer" : e.Key)}×{e.Value}"));
        return new LoadResult(latencies.Length, errors.Sum(e => e.Value), detail, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), Percentile(latencies, 0.999), Percentile(latencies, 1.0));
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}
