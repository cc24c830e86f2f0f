using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc.Simulator;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.ContractTests;

/// <summary>Our typed client talking HTTP to the simulator in memory, plus a raw client for its test helpers.</summary>
public sealed class SimulatedFintoc : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_contract";

    private readonly WebApplication _app;

    private SimulatedFintoc(WebApplication app, WebhookSink sink)
    {
        _app = app;
        Webhooks = sink;
        var server = app.GetTestServer();
        Helpers = new HttpClient(server.CreateHandler()) { BaseAddress = new Uri("http://localhost/simulator/test-helpers/") };
        var options = new FintocOptions
        {
            BaseAddress = new Uri("http://localhost/simulator/"),
            SecretKey = SimulatorOptions.DefaultApiKey,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        };
        Client = new FintocClient(new HttpClient(server.CreateHandler()) { BaseAddress = options.BaseAddress }, options, Clock);
        WrongKeyClient = new FintocClient(new HttpClient(server.CreateHandler()) { BaseAddress = options.BaseAddress }, new FintocOptions { BaseAddress = options.BaseAddress, SecretKey = "sk_test_not_the_key", MaxRetries = 0 }, Clock);
    }

    public IFintocClient Client { get; }

    public IFintocClient WrongKeyClient { get; }

    public HttpClient Helpers { get; }

    public WebhookSink Webhooks { get; }

    public SimulatorClock Clock => _app.Services.GetRequiredService<SimulatorClock>();

    public static async Task<SimulatedFintoc> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var sink = new WebhookSink();
        builder.Services.AddFintocSimulator(new ConfigurationBuilder().Build(), options =>
            options.Webhooks.Add(new ConfiguredWebhookEndpoint { Url = "https://merchant.test/webhooks/fintoc", Secret = WebhookSecret }))
            .ConfigurePrimaryHttpMessageHandler(() => sink);
        var app = builder.Build();
        app.MapFintocSimulator();
        await app.StartAsync();
        return new SimulatedFintoc(app, sink);
    }

    public async Task<JsonNode> HelperAsync(string path, object body)
    {
        using var response = await Helpers.PostAsJsonAsync(path, body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, $"{path}: {json.ToJsonString()}");
        return json;
    }

    public Task AdvanceAsync(TimeSpan by) => HelperAsync("clock/advance", new { seconds = by.TotalSeconds });

    public async ValueTask DisposeAsync()
    {
        Helpers.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Receives the simulator's webhook deliveries.</summary>
public sealed class WebhookSink : HttpMessageHandler
{
    public List<(byte[] Body, string? Signature)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        lock (Received)
        {
            Received.Add((body, request.Headers.TryGetValues("Fintoc-Signature", out var values) ? values.Single() : null));
        }

        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    }
}
