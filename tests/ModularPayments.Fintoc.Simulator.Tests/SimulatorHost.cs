using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.Simulator.Tests;

/// <summary>The simulator in memory (TestServer), with a scripted webhook receiver and helpers for its API.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string Key = "sk_test_simulator";
    public const string WebhookSecret = "whsec_test_configured";
    public const string WebhookUrl = "https://merchant.test/webhooks/fintoc";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, WebhookReceiver receiver)
    {
        _app = app;
        Receiver = receiver;
        Client = app.GetTestClient();
        Client.BaseAddress = new Uri("http://localhost/simulator/");
    }

    public HttpClient Client { get; }

    public WebhookReceiver Receiver { get; }

    public Scheduler Scheduler => _app.Services.GetRequiredService<Scheduler>();

    public IServiceProvider Services => _app.Services;

    public DateTimeOffset Now => Scheduler.Clock.GetUtcNow();

    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, bool withConfiguredWebhook = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver();
        builder.Services.AddFintocSimulator(new ConfigurationBuilder().Build(), options =>
        {
            if (withConfiguredWebhook)
            {
                options.Webhooks.Add(new ConfiguredWebhookEndpoint { Url = WebhookUrl, Secret = WebhookSecret, EnabledEvents = ["*"] });
            }

            options.WebhookDeliveryTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => receiver);
        // Real time stands still under the simulator clock here: only the test moves it, so a 3-second retry is never
        // reached by a slow machine's own seconds.
        builder.Services.AddSingleton(_ => new SimulatorClock(new FakeTimeProvider(DateTimeOffset.UtcNow)));
        var app = builder.Build();
        app.MapFintocSimulator();
        await app.StartAsync();
        return new SimulatorHost(app, receiver);
    }

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, string? key = Key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonNode> PostOkAsync(string path, object body, string? idempotencyKey = null)
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, path, body, idempotencyKey);
        Assert.True(status is 200 or 201, $"POST {path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        var (status, json, _) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == 200, $"GET {path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    public Task AdvanceAsync(TimeSpan by) => PostOkAsync("test-helpers/clock/advance", new { seconds = by.TotalSeconds });

    public Task AdvanceUntilAsync(DateTimeOffset until) => PostOkAsync("test-helpers/clock/advance", new { until = until.ToString("O") });

    /// <summary>A customer and a setup session, enrolled with the given PAC account (or a card).</summary>
    public async Task<(string CustomerId, string SessionId, JsonNode Completion)> EnrollAsync(object credentials, string? taxId = null)
    {
        var session = await PostOkAsync("v2/checkout_sessions", new
        {
            flow = "setup",
            currency = "CLP",
            success_url = "https://merchant.test/ok",
            cancel_url = "https://merchant.test/cancel",
            customer_data = new { name = "Jon Snow", email = "jon@example.cl", tax_id = taxId is null ? null : new { type = "cl_rut", value = taxId } },
        });
        var sessionId = session["id"]!.GetValue<string>();
        var completion = await PostOkAsync($"test-helpers/checkout_sessions/{sessionId}/complete", credentials);
        return (session["customer"]!["id"]!.GetValue<string>(), sessionId, completion);
    }

    public static object Pac(string account, string? code = null, string password = "jonsnow") =>
        new { pac = new { username = "11.111.111-1", password, account_number = account, mfa_code = code } };

    public static object Card(string number, string? threeDs = null, string expiry = "12/30") =>
        new { card = new { number, expiry, cvv = "123", holder_name = "Jon Snow", three_ds_code = threeDs } };

    public async Task<JsonArray> DeliveriesAsync(string? type = null) =>
        (await GetOkAsync(type is null ? "test-helpers/deliveries" : $"test-helpers/deliveries?type={type}")).AsArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Stands in for the merchant's webhook endpoint: answers from a script (default 200) and records each request.</summary>
public sealed class WebhookReceiver : HttpMessageHandler
{
    private readonly Queue<int> _script = new();

    public List<(string Url, string? Signature, byte[] Body)> Received { get; } = [];

    public void AnswerNext(params int[] statuses)
    {
        lock (_script)
        {
            foreach (var status in statuses)
            {
                _script.Enqueue(status);
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        int status;
        lock (_script)
        {
            Received.Add((request.RequestUri!.ToString(), request.Headers.TryGetValues("Fintoc-Signature", out var values) ? values.Single() : null, body));
            status = _script.Count > 0 ? _script.Dequeue() : 200;
        }

        return new HttpResponseMessage((System.Net.HttpStatusCode)status);
    }

    public IReadOnlyList<JsonNode> Events()
    {
        lock (_script)
        {
            return [.. Received.Select(r => JsonNode.Parse(r.Body)!)];
        }
    }
}

internal static class Signatures
{
    public static bool IsValid(string? header, byte[] body, string secret)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts["t"] + ".").Concat(body).ToArray()));
        return parts["v1"] == expected;
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
