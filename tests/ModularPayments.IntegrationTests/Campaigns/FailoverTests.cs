using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace ModularPayments.IntegrationTests.Campaigns;

/// <summary>
/// A test that needs a three-node EventStoreDB cluster running on this machine, named by
/// <c>MODULARPAYMENTS_EVENTSTOREDB_CLUSTER</c> (e.g. <c>esdb://127.0.0.1:2121,127.0.0.1:2122,127.0.0.1:2123?tls=false</c>;
/// ../shared/tools/eventstoredb says how to start one). The test kills the leader's process. Skipped with that reason otherwise.
/// </summary>
public sealed class EventStoreDbClusterFactAttribute : FactAttribute
{
    public const string Variable = "MODULARPAYMENTS_EVENTSTOREDB_CLUSTER";

    public EventStoreDbClusterFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"No EventStoreDB cluster: set {Variable} (e.g. esdb://127.0.0.1:2121,127.0.0.1:2122,127.0.0.1:2123?tls=false) to a local three-node cluster to run the leader failover test; it kills the leader.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}

/// <summary>
/// Killing the cluster's leader under 4 writers (ADR 0018): no acknowledged write is lost, no request is a 500, and
/// whatever the store could not take within its failover bound is a 503 with Retry-After.
/// </summary>
[Collection(CampaignCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    [EventStoreDbClusterFact]
    public async Task Killing_the_leader_under_four_writers_loses_no_acknowledged_write_and_answers_no_500()
    {
        var connectionString = EventStoreDbClusterFactAttribute.ConnectionString!;
        var nodes = NodesOf(connectionString);
        var leader = await LeaderAsync(nodes) ?? throw new InvalidOperationException($"No node of {connectionString} says it is the leader.");
        var leaderProcess = ProcessListeningOn(leader.Port) ?? throw new InvalidOperationException($"The leader {leader} is not a local EventStore.ClusterNode process this test can kill.");

        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = connectionString,
        });
        using var merchant = factory.CreateMerchantClient();
        merchant.Timeout = TimeSpan.FromSeconds(60);
        var results = new ConcurrentQueue<Outcome>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Writers).Select(w => WriteAsync(merchant, w, clock, results, stop.Token)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var killedAt = clock.Elapsed;
        leaderProcess.Kill();
        await leaderProcess.WaitForExitAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = results.ToList();
        var acknowledged = all.Where(r => r.Status == HttpStatusCode.Created).ToList();
        var serverErrors = all.Where(r => (int)r.Status >= 500).ToList();
        var duringFailover = all.Where(r => r.Ended > killedAt && r.Started < killedAt + TimeSpan.FromSeconds(8)).ToList();
        var longest = duringFailover.Count == 0 ? TimeSpan.Zero : duringFailover.Max(r => r.Ended - r.Started);
        var newLeader = await LeaderAsync(nodes.Where(n => n != leader).ToList());
        output.WriteLine($"leader {Describe(leader)} (pid {leaderProcess.Id}) killed at {killedAt.TotalSeconds:0.00} s; new leader {(newLeader is null ? "none seen" : Describe(newLeader))}");
        output.WriteLine($"requests {all.Count}, acknowledged 201: {acknowledged.Count} ({acknowledged.Count(r => r.Started > killedAt)} started after the kill), 5xx: {serverErrors.Count} ({string.Join(", ", serverErrors.GroupBy(r => $"{(int)r.Status} {r.Code}").Select(g => $"{g.Key} x{g.Count()}"))})");
        output.WriteLine($"longest request during the failover: {longest.TotalMilliseconds:0} ms (of {duringFailover.Count}); other answers: {string.Join(", ", all.Where(r => r.Status != HttpStatusCode.Created && (int)r.Status < 500).GroupBy(r => (int)r.Status).Select(g => $"{g.Key} x{g.Count()}"))}");
        output.WriteLine($"the cluster now runs on two nodes: restart node {Describe(leader)} before running this test again.");

        Assert.DoesNotContain(all, r => r.Status == HttpStatusCode.InternalServerError);
        Assert.All(serverErrors, r => Assert.True(r.Status == HttpStatusCode.ServiceUnavailable && r.RetryAfter is not null, $"{(int)r.Status} {r.Code} without Retry-After"));
        Assert.Contains(acknowledged, r => r.Started > killedAt);
        foreach (var write in acknowledged)
        {
            await Eventually.GetAsync(
                async () => (await merchant.GetAsync($"/v1/customers/{write.CustomerId}")) is { StatusCode: HttpStatusCode.OK } ok ? ok : null,
                TimeSpan.FromSeconds(30),
                $"acknowledged customer {write.CustomerId} after the failover");
        }
    }

    private static async Task WriteAsync(HttpClient merchant, int writer, Stopwatch clock, ConcurrentQueue<Outcome> results, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers")
            {
                Content = Json.Body($$"""{"email":"failover-{{writer}}-{{n}}-{{Guid.NewGuid():N}}@example.com"}"""),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var started = clock.Elapsed;
            using var response = await merchant.SendAsync(request, CancellationToken.None);
            var body = await Json.ReadAsync(response);
            results.Enqueue(new Outcome(
                started,
                clock.Elapsed,
                response.StatusCode,
                response.StatusCode == HttpStatusCode.Created ? body["id"]!.GetValue<string>() : null,
                body["code"]?.GetValue<string>(),
                response.Headers.RetryAfter?.ToString()));
        }
    }

    private static string Describe(DnsEndPoint node) => $"{node.Host}:{node.Port}";

    private static List<DnsEndPoint> NodesOf(string connectionString) =>
        [.. ModularPayments.EventStore.EventStoreDb.Connection.EventStoreDbConnectionString.Parse(connectionString).Nodes];

    private static async Task<DnsEndPoint?> LeaderAsync(IReadOnlyList<DnsEndPoint> nodes)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in nodes)
            {
                try
                {
                    var info = await http.GetStringAsync(new Uri($"http://{node.Host}:{node.Port}/info"));
                    if (info.Contains("\"leader\"", StringComparison.Ordinal))
                    {
                        return node;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                }
            }

            await Task.Delay(200);
        }

        return null;
    }

    /// <summary>The local EventStore.ClusterNode started with <c>--http-port {port}</c> (Linux: read from /proc).</summary>
    private static Process? ProcessListeningOn(int port)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var portAt = Array.IndexOf(arguments, "--http-port");
            if (arguments.Any(a => a.EndsWith("EventStore.ClusterNode.dll", StringComparison.Ordinal)) && portAt >= 0 && portAt + 1 < arguments.Length
                && arguments[portAt + 1] == port.ToString(CultureInfo.InvariantCulture))
            {
                return Process.GetProcessById(pid);
            }
        }

        return null;
    }

    private sealed record Outcome(TimeSpan Started, TimeSpan Ended, HttpStatusCode Status, string? CustomerId, string? Code, string? RetryAfter);
}
