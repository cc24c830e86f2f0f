using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.Api;

namespace ModularPayments.Benchmarks.Http;

/// <summary>A server the load generator drives, listening on a loopback port of this process.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    string Name { get; }

    Uri BaseAddress { get; }

    /// <summary>The clock webhook signatures are checked against (the simulator's, for the service).</summary>
    TimeProvider Clock { get; }
}

/// <summary>
/// The real service as <c>dotnet run --project src/Api</c> builds it (ServiceHost.Build): embedded SQLite store in its
/// own temp data folder, the Fintoc simulator, one webhook secret, logging at Warning.
/// </summary>
internal sealed class ServiceTarget : IBenchTarget
{
    public const string DevelopmentKey = "mp_dev_local_simulator_only";
    public const string WebhookSecret = "whsec_http_benchmark";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ServiceTarget(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Clock = app.Services.GetRequiredService<TimeProvider>();
    }

    public string Name => "service";

    public Uri BaseAddress { get; }

    public TimeProvider Clock { get; }

    public static async Task<ServiceTarget> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"modularpayments-http-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var app = ServiceHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={dataDirectory}",
            $"--Fintoc:WebhookSecrets:0={WebhookSecret}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:ModularPayments=Warning",
            "--Logging:Console:FormatterName=simple",
        ]);
        await app.StartAsync();
        return new ServiceTarget(app, dataDirectory, ListeningAddress(app));
    }

    public string DataDirectory => _dataDirectory;

    /// <summary>The largest projection and reactor lag on /health, and the store's head.</summary>
    public async Task<Lag> ReadLagAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(BaseAddress, "/health"));
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        static (long Lag, string? Name) Max(JsonNode? list)
        {
            var largest = (Lag: 0L, Name: (string?)null);
            foreach (var node in list?.AsArray() ?? [])
            {
                var lag = node?["lag"]?.GetValue<long?>() ?? 0;
                if (lag > largest.Lag)
                {
                    largest = (lag, node?["name"]?.GetValue<string>());
                }
            }

            return largest;
        }

        var projections = Max(health["projections"]);
        var reactors = Max(health["reactors"]);
        return new Lag(health["event_store"]?["head_position"]?.GetValue<long?>() ?? 0, projections.Lag, reactors.Lag, projections.Name, reactors.Name);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; the figures are unaffected.
        }
    }

    internal static Uri ListeningAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>The largest lags, with the name of the projection and the reactor furthest behind.</summary>
internal sealed record Lag(long Head, long Projections, long Reactors, string? SlowestProjection, string? SlowestReactor)
{
    public bool CaughtUp => Projections <= 0 && Reactors <= 0;

    public long Largest => Math.Max(Projections, Reactors);
}

/// <summary>The baseline: a minimal API that reads the whole body and answers 200, nothing else.</summary>
internal sealed class BareTarget : IBenchTarget
{
    private readonly WebApplication _app;

    private BareTarget(WebApplication app)
    {
        _app = app;
        BaseAddress = ServiceTarget.ListeningAddress(app);
    }

    public string Name => "bare";

    public Uri BaseAddress { get; }

    public TimeProvider Clock => TimeProvider.System;

    public static async Task<BareTarget> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
            return Results.Ok();
        });
        app.MapGet("/{**path}", () => Results.Ok());
        await app.StartAsync();
        return new BareTarget(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
