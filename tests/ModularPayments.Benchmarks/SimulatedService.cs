using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Api;

namespace ModularPayments.Benchmarks;

/// <summary>
/// The real service in simulator mode for an end-to-end benchmark: its own data folder, Warning logs, the in-process
/// simulator holding Fintoc's 100 requests/s, a merchant client with the development key, and saved cards to charge.
/// </summary>
internal sealed class SimulatedService : IAsyncDisposable
{
    private const string DevelopmentKey = "mp_dev_local_simulator_only";

    private readonly WebApplication _app;
    private readonly string _data;

    private SimulatedService(WebApplication app, string data, HttpClient http)
    {
        _app = app;
        _data = data;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SimulatedService> StartAsync(string name, params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), $"mp-bench-{name}-" + Guid.NewGuid().ToString("N"));
        var app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Storage:DataDirectory", data, "--Logging:LogLevel:Default", "Warning",
            "--Simulator:RequestsPerSecond", "100", "--Simulator:PaymentIntentSettlementSeconds", "1",
            .. settings,
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKey);
        var service = new SimulatedService(app, data, http);
        await ChargesBenchmark.UntilAsync(async () => (await http.GetFromJsonAsync<JsonNode>("/health"))!["payments_provider"]!["webhook_endpoint"]?.GetValue<string>() == "registered");
        return service;
    }

    /// <summary><paramref name="count"/> customers, each with a card saved through the setup flow and active.</summary>
    public async Task<List<(string Customer, string Method)>> ActiveCardsAsync(int count)
    {
        var methods = new List<(string Customer, string Method)>();
        for (var i = 0; i < count; i++)
        {
            methods.Add(await ChargesBenchmark.ActiveCardAsync(Http, i));
        }

        return methods;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder reclaims it.
        }
    }
}
