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
    private readonly List<ServiceProvider> _providers = [];

    private SimulatedFintoc(WebApplication app, WebhookSink sink)
    {
        _app = app;
        Webhooks = sink;
        var server = app.GetTestServer();
        Helpers = new HttpClient(server.CreateHandler()) { BaseAddress = new Uri("http://localhost/simulator/test-helpers/") };
        Client = CreateClient(server, options =>
        {
            options.InitialBackoff = TimeSpan.FromMilliseconds(10);
            options.MaxBackoff = TimeSpan.FromMilliseconds(50);
        });
        WrongKeyClient = CreateClient(server, options =>
        {
            options.SecretKey = "sk_test_not_the_key";
            options.MaxRetries = 0;
        });
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

    /// <summary>Our client registered as the host registers it, on the simulator's clock, sending through the in-memory server.</summary>
    private IFintocClient CreateClient(TestServer server, Action<FintocOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddFintocClient(options =>
            {
                options.BaseAddress = new Uri("http://localhost/simulator/");
                options.SecretKey = SimulatorOptions.DefaultApiKey;
                configure(options);
            })
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IFintocClient>();
    }

    public async ValueTask DisposeAsync()
    {
        Helpers.Dispose();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

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
