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
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => new TestServerWhenStarted((TestServer)sp.GetRequiredService<IServer>()));
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

    /// <summary>
    /// The test server's handler, created at the first request instead of with the client: a reactor catching up on a
    /// shared EventStoreDB log can call Fintoc before the test server has started, and HttpClientFactory would keep the
    /// failed creation for the handler's whole lifetime. A request before the start fails as a transient network
    /// error (retried like one); the next one finds the server.
    /// </summary>
    private sealed class TestServerWhenStarted(TestServer server) : HttpMessageHandler
    {
        private HttpMessageInvoker? _inner;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_inner is null)
            {
                try
                {
                    _inner = new HttpMessageInvoker(server.CreateHandler());
                }
                catch (InvalidOperationException notStarted)
                {
                    throw new HttpRequestException("The test server has not started yet.", notStarted);
                }
            }

            return _inner.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
