using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ModularPayments.Api.Configuration;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Simulator;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Api.Fintoc;

/// <summary>
/// Chooses who plays Fintoc. With <c>Fintoc:SecretKey</c> set, the typed client talks to the real API. Without it the
/// offline simulator is mounted under <c>/simulator</c>, the client is pointed at it, and the whole service runs on
/// the simulator's clock, so advancing that clock moves Fintoc and us together.
/// </summary>
internal static class FintocProvider
{
    public const string SimulatorPrefix = "/simulator";

    /// <summary>Placeholder host of the in-process simulator; <see cref="OwnAddressHandler"/> swaps in the real one.</summary>
    public static readonly Uri SimulatorBaseAddress = new("http://modularpayments.local" + SimulatorPrefix + "/");

    public static void AddFintocProvider(this IServiceCollection services, IConfiguration configuration, StartupConfiguration settings)
    {
        if (!settings.Fintoc.UsesSimulator)
        {
            services.AddFintocClient(configuration.GetSection(global::ModularPayments.Fintoc.FintocOptions.SectionName));
            return;
        }

        var simulatorSection = configuration.GetSection(SimulatorOptions.SectionName);
        services.AddFintocSimulator(simulatorSection).AddHttpMessageHandler(sp => new OwnAddressHandler(sp.GetRequiredService<IServer>()));
        // Registered before the building blocks' TryAdd(TimeProvider.System): the service shares the simulator's clock.
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatorClock>());
        var simulatorKey = simulatorSection.GetSection(nameof(SimulatorOptions.ApiKeys)).Get<string[]>()?.FirstOrDefault() ?? SimulatorOptions.DefaultApiKey;
        services.AddFintocClient(options =>
            {
                // The client's other settings (retries, backoff, timeouts, rate limit) apply in simulator mode too.
                configuration.GetSection(global::ModularPayments.Fintoc.FintocOptions.SectionName).Bind(options);
                options.BaseAddress = SimulatorBaseAddress;
                options.SecretKey = simulatorKey;
            })
            .AddHttpMessageHandler(sp => new OwnAddressHandler(sp.GetRequiredService<IServer>()));
    }

    public static void MapFintocProvider(this WebApplication app, StartupConfiguration settings)
    {
        if (settings.Fintoc.UsesSimulator)
        {
            app.MapFintocSimulator(SimulatorPrefix);
        }
    }
}

/// <summary>
/// Sends requests meant for this very process (the mounted simulator, its webhooks to us) to the address Kestrel
/// actually listens on, which is only known once the server has started. Under a test server there is no address and
/// the request goes through unchanged to the in-memory handler.
/// </summary>
internal sealed class OwnAddressHandler(IServer server) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Host == FintocProvider.SimulatorBaseAddress.Host && OwnAddress() is { } own)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = own.Scheme, Host = own.Host, Port = own.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private Uri? OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        // Wildcard bindings (http://+:8080, http://[::]:8080, http://0.0.0.0:8080) are reached through loopback.
        var normalized = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? uri : null;
    }
}
