using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc;

namespace ModularPayments.IntegrationTests;

/// <summary>The whole service in memory, on its own empty data directory.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string DevelopmentKey = "mp_dev_local_simulator_only";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "mp-tests-" + Guid.NewGuid().ToString("N"));
        _settings = settings ?? [];
        _services = services;
    }

    public string DataDirectory { get; }

    public HttpClient CreateMerchantClient(string apiKey = DevelopmentKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // The in-process simulator and its webhooks are reached through the test server, not a socket.
            foreach (var name in new[] { FintocServiceCollectionExtensions.HttpClientName, "fintoc-simulator-webhooks" })
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            }
        });
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDeleteDirectory(DataDirectory);
        }
    }

    public static void TryDeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the OS temp folder will reclaim it.
        }
    }
}
