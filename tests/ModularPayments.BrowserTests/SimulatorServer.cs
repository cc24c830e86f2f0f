using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc.Simulator;

namespace ModularPayments.BrowserTests;

/// <summary>The simulator on a real loopback port (a browser needs one), with a stand-in merchant site for the redirects.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl + "/simulator/") };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatorOptions.DefaultApiKey);
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public string SuccessUrl => BaseUrl + "/merchant/success";

    public string CancelUrl => BaseUrl + "/merchant/cancel";

    public static async Task<SimulatorServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFintocSimulator(new ConfigurationBuilder().Build());
        var app = builder.Build();
        app.MapFintocSimulator();
        app.MapGet("/merchant/{outcome}", (string outcome) => Results.Content($"<html><body><h1 id=\"merchant\">Merchant: {outcome}</h1></body></html>", "text/html"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, address);
    }

    public async Task<JsonNode> CreateSetupSessionAsync()
    {
        using var response = await Http.PostAsJsonAsync("v2/checkout_sessions", new
        {
            flow = "setup",
            currency = "CLP",
            success_url = SuccessUrl,
            cancel_url = CancelUrl,
            customer_data = new { name = "Felipe Castro", email = "felipe@example.cl" },
        });
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await Http.GetStringAsync(path))!;

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
