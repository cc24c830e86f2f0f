using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests;

/// <summary>The real process, started from a folder that is not the one it was built into (as <c>dotnet run --project src/Api</c> does).</summary>
public sealed class ShippedSettingsTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("mp-cwd-").FullName;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-logs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        ApiFactory.TryDeleteDirectory(_dataDirectory);
        ApiFactory.TryDeleteDirectory(_elsewhere);
    }

    [Fact]
    public async Task Started_elsewhere_the_service_applies_its_shipped_log_settings_one_json_line_per_request_joined_to_the_trace()
    {
        using var service = await ServiceProcess.StartAsync(_dataDirectory, workingDirectory: _elsewhere);
        await Eventually.GetAsync(() => Task.FromResult(service.Output.FirstOrDefault(l => l.Contains("Content root path", StringComparison.Ordinal))), what: "the start-up lines");
        Assert.Contains(service.Output, l => l.Contains($"Content root path: {_elsewhere}", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_elsewhere, "appsettings.json")));
        // Start-up work (the simulator's webhook endpoint) logs once; let it finish before counting a request's lines.
        using (var health = new HttpClient { BaseAddress = service.BaseAddress })
        {
            await Eventually.GetAsync(
                async () => (await health.GetNodeAsync("/health"))!["payments_provider"]!["webhook_endpoint"]?.GetValue<string>() == "registered" ? "ok" : null,
                what: "the start-up registration");
        }

        // No propagator: a listener elsewhere in this test process would otherwise replace our traceparent with its own.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = service.BaseAddress };
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = Json.Body(new { email = "log-line@example.com" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.DevelopmentKey);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var before = service.Output.Count;

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
        var handled = await Eventually.GetAsync(
            () => Task.FromResult(service.Output.Skip(before).FirstOrDefault(l => l.Contains("RegisterCustomerCommand handled", StringComparison.Ordinal))),
            what: "the command's log line");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // any other line of this request reaches the console by now

        var lines = service.Output.Skip(before).ToList();
        var report = string.Join(Environment.NewLine, lines);
        Assert.True(lines.Count <= 2, $"Expected the shipped levels (ASP.NET's per-request logs at Warning), got {lines.Count} lines:{Environment.NewLine}{report}");
        Assert.DoesNotContain(lines, l => l.Contains("\"Category\":\"Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain("log-line@example.com", report, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFactory.DevelopmentKey, report, StringComparison.Ordinal);
        var scopes = JsonNode.Parse(handled)!["Scopes"]!.AsArray();
        Assert.Contains(scopes, scope => scope?["TraceId"]?.GetValue<string>() == traceId.ToHexString());
        Assert.Contains(scopes, scope => scope?["SpanId"] is not null);
    }
}
