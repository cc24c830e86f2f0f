using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc;

public static class FintocServiceCollectionExtensions
{
    public const string HttpClientName = "fintoc";

    /// <summary>Registers <see cref="IFintocClient"/> bound to the <c>Fintoc</c> configuration section.</summary>
    public static IHttpClientBuilder AddFintocClient(this IServiceCollection services, IConfiguration section) =>
        services.AddFintocClient(options => section.Bind(options));

    /// <summary>
    /// Registers <see cref="IFintocClient"/>. The returned builder lets the host swap the primary handler (the in-process
    /// simulator, a test server).
    /// </summary>
    public static IHttpClientBuilder AddFintocClient(this IServiceCollection services, Action<FintocOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FintocOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FintocOptions>, FintocOptionsValidator>());
        // One bucket for the whole process: Fintoc's limit is per organization, not per client instance.
        services.TryAddSingleton(sp => new RequestRateLimiter(
            sp.GetRequiredService<IOptions<FintocOptions>>().Value.RequestsPerSecond, sp.GetRequiredService<TimeProvider>()));

        var builder = services.AddHttpClient(HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<FintocOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            // Each attempt has its own timeout inside the retry pipeline; the client-wide one must not cut retries short.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        services.TryAddTransient<IFintocClient>(sp => new FintocClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<FintocOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FintocClient>>(),
            sp.GetRequiredService<RequestRateLimiter>()));
        return builder;
    }
}

internal sealed class FintocOptionsValidator : IValidateOptions<FintocOptions>
{
    public ValidateOptionsResult Validate(string? name, FintocOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
