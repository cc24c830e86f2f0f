using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Api;

namespace ModularPayments.BrowserTests;

/// <summary>The whole service, built by its own composition root, on a real loopback port and an empty data directory.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ApiServer(WebApplication app, string dataDirectory, string baseUrl)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<ApiServer> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mp-browser-" + Guid.NewGuid().ToString("N"));
        var app = ServiceHost.Build(["--urls", "http://127.0.0.1:0", "--Storage:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiServer(app, dataDirectory, address);
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
            // A file still held by a closing connection: the OS temp folder will reclaim it.
        }
    }
}
