using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;
using ModularPayments.Fintoc.Http.Handlers;
using Refit;

namespace ModularPayments.Fintoc;

public static class FintocServiceCollectionExtensions
{
    public const string HttpClientName = "fintoc";

    /// <summary>Registers <see cref="IFintocClient"/> bound to the <c>Fintoc</c> configuration section.</summary>
    public static IHttpClientBuilder AddFintocClient(this IServiceCollection services, IConfiguration section) =>
        services.AddFintocClient(options => section.Bind(options));

    /// <summary>
    /// Registers <see cref="IFintocClient"/>: the Refit interfaces on one named HttpClient whose handlers run, outermost
    /// first, idempotency-key check, headers, telemetry, error mapping, retries, rate limit, per-attempt log and count.
    /// The returned builder lets the host add inner handlers or swap the primary one (the in-process simulator, a test server).
    /// </summary>
    public static IHttpClientBuilder AddFintocClient(this IServiceCollection services, Action<FintocOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<FintocOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FintocOptions>, FintocOptionsValidator>());
        services.TryAddSingleton<FintocMetrics>();
        // One bucket for the whole process: Fintoc's limit is per organization, not per client instance.
        services.TryAddSingleton(sp => new RequestRateLimiter(Options(sp).RequestsPerSecond, sp.GetRequiredService<TimeProvider>()));

        var builder = services.AddHttpClient(HttpClientName, (sp, http) =>
        {
            http.BaseAddress = Options(sp).BaseAddress;
            // Each attempt has its own timeout inside the retry handler; the client-wide one must not cut retries short.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        Func<IServiceProvider, RefitSettings?> settings = sp => FintocRefitSettings.Create(Options(sp));
        services.AddRefitGeneratedClient<ICustomersApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ICheckoutSessionsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IPaymentMethodsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IPaymentIntentsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ISubscriptionIntentsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ISubscriptionsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IChargesApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IWebhookEndpointsApi>(settings, HttpClientName);
        builder
            .AddHttpMessageHandler(() => new IdempotencyKeyHandler())
            .AddHttpMessageHandler(sp => new FintocHeadersHandler(Options(sp)))
            .AddHttpMessageHandler(() => new FintocTelemetryHandler())
            .AddHttpMessageHandler(sp => new FintocErrorHandler(Options(sp)))
            .AddHttpMessageHandler(sp => new FintocRetryHandler(Options(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FintocMetrics>(), sp.GetRequiredService<ILogger<FintocClient>>()))
            .AddHttpMessageHandler(sp => new RateLimitHandler(sp.GetRequiredService<RequestRateLimiter>()))
            .AddHttpMessageHandler(sp => new FintocAttemptHandler(Options(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FintocMetrics>(), sp.GetRequiredService<ILogger<FintocClient>>()));
        services.TryAddTransient<IFintocClient, FintocClient>();
        return builder;
    }

    private static FintocOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<FintocOptions>>().Value;
}

internal sealed class FintocOptionsValidator : IValidateOptions<FintocOptions>
{
    public ValidateOptionsResult Validate(string? name, FintocOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
