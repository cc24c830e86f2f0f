using Microsoft.Extensions.Options;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.Enrollment;
using ModularPayments.Fintoc.Simulator.HostedPages;
using ModularPayments.Fintoc.Simulator.State;
using ModularPayments.Fintoc.Simulator.TestHelpers;
using ModularPayments.Fintoc.Simulator.Time;
using ModularPayments.Fintoc.Simulator.Webhooks;

namespace ModularPayments.Fintoc.Simulator;

public static class SimulatorRegistration
{
    /// <summary>
    /// Registers the simulator (state, clock, scheduler, webhooks). Returns the builder of the webhook HttpClient so a
    /// host or a test can swap its primary handler.
    /// </summary>
    public static IHttpClientBuilder AddFintocSimulator(this IServiceCollection services, IConfiguration section, Action<SimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var options = new SimulatorOptions();
        section.Bind(options);
        configure?.Invoke(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SimulatorOptions.SectionName, typeof(SimulatorOptions), problems);
        }

        services.AddSingleton(options);
        services.AddSingleton(new SimulatorMount());
        // Built explicitly: when the host makes this clock its TimeProvider, constructor injection would loop.
        services.AddSingleton(_ => new SimulatorClock());
        services.AddSingleton<Scheduler>();
        services.AddSingleton(new ChileBusinessCalendar(options.ExtraHolidays));
        services.AddSingleton<SimulatorState>();
        services.AddSingleton<Chaos>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton(sp => new SimulatorRateLimit(options));
        services.AddSingleton<Ledger>();
        services.AddSingleton<Lifecycle>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<SimulatorApi>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<CustomersResource>();
        services.AddSingleton<CheckoutSessionsResource>();
        services.AddSingleton<PaymentMethodsResource>();
        services.AddSingleton<PaymentIntentsResource>();
        services.AddSingleton<SubscriptionsResource>();
        services.AddSingleton<ChargesResource>();
        services.AddSingleton<WebhookEndpointsResource>();
        services.AddHostedService<SchedulerTicker>();
        return services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
    }

    /// <summary>Serves the simulated Fintoc API, the hosted pages and the test helpers under <paramref name="prefix"/>.</summary>
    public static IEndpointRouteBuilder MapFintocSimulator(this IEndpointRouteBuilder endpoints, string prefix = "/simulator")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        services.GetRequiredService<SimulatorMount>().Prefix = prefix.TrimEnd('/');
        RegisterConfiguredWebhooks(services);

        var root = endpoints.MapGroup(prefix).ExcludeFromDescription();
        MapApi(root);
        HostedPageEndpoints.Map(root);
        TestHelperEndpoints.Map(root.MapGroup("/test-helpers"));
        return endpoints;
    }

    private static void MapApi(IEndpointRouteBuilder root)
    {
        Map<CustomersResource>(root, "POST", "/v2/customers", r => r.Create);
        Map<CustomersResource>(root, "GET", "/v2/customers", r => r.List);
        Map<CustomersResource>(root, "GET", "/v2/customers/{id}", r => r.Get);
        Map<CheckoutSessionsResource>(root, "POST", "/v2/checkout_sessions", r => r.Create);
        Map<CheckoutSessionsResource>(root, "GET", "/v2/checkout_sessions", r => r.List);
        Map<CheckoutSessionsResource>(root, "GET", "/v2/checkout_sessions/{id}", r => r.Get);
        Map<CheckoutSessionsResource>(root, "POST", "/v2/checkout_sessions/{id}/expire", r => r.Expire);
        Map<PaymentMethodsResource>(root, "GET", "/v2/payment_methods", r => r.List);
        Map<PaymentMethodsResource>(root, "GET", "/v2/payment_methods/{id}", r => r.Get);
        Map<PaymentIntentsResource>(root, "POST", "/v2/payment_intents", r => r.Create);
        Map<PaymentIntentsResource>(root, "GET", "/v2/payment_intents", r => r.List);
        Map<PaymentIntentsResource>(root, "GET", "/v2/payment_intents/{id}", r => r.Get);
        Map<SubscriptionsResource>(root, "POST", "/v1/subscription_intents", r => r.CreateIntent);
        Map<SubscriptionsResource>(root, "GET", "/v1/subscription_intents/{id}", r => r.GetIntent);
        Map<SubscriptionsResource>(root, "GET", "/v1/subscriptions", r => r.List);
        Map<SubscriptionsResource>(root, "GET", "/v1/subscriptions/{id}", r => r.Get);
        Map<ChargesResource>(root, "POST", "/v1/charges", r => r.Create);
        Map<ChargesResource>(root, "GET", "/v1/charges", r => r.List);
        Map<ChargesResource>(root, "GET", "/v1/charges/{id}", r => r.Get);
        Map<WebhookEndpointsResource>(root, "POST", "/v1/webhook_endpoints", r => r.Create);
        Map<WebhookEndpointsResource>(root, "GET", "/v1/webhook_endpoints", r => r.List);
        Map<WebhookEndpointsResource>(root, "DELETE", "/v1/webhook_endpoints/{id}", r => r.Delete);

        // Anything else under v1/v2 answers like Fintoc does for an unknown URL, not with the host's 404 page.
        root.Map("/{version:regex(^v[12]$)}/{**rest}", (HttpContext http, SimulatorApi api) =>
            api.HandleAsync(http, call => throw new FintocApiError(404, "invalid_request_error", "invalid_url", $"Unrecognized request URL ({call.Http.Request.Method} {call.Http.Request.Path}).")));
    }

    private static void Map<TResource>(IEndpointRouteBuilder root, string method, string pattern, Func<TResource, Func<ApiCall, ApiAnswer>> endpoint)
        where TResource : notnull =>
        root.MapMethods(pattern, [method], (HttpContext http, SimulatorApi api, TResource resource) => api.HandleAsync(http, endpoint(resource)));

    private static void RegisterConfiguredWebhooks(IServiceProvider services)
    {
        var options = services.GetRequiredService<SimulatorOptions>();
        var state = services.GetRequiredService<SimulatorState>();
        var endpoints = services.GetRequiredService<WebhookEndpointsResource>();
        var clock = services.GetRequiredService<SimulatorClock>();
        lock (state.Gate)
        {
            if (state.WebhookEndpoints.Values.Any(endpoint => endpoint.FromConfiguration))
            {
                return;
            }

            foreach (var configured in options.Webhooks)
            {
                endpoints.Add(configured.Url, configured.EnabledEvents.Count == 0 ? ["*"] : configured.EnabledEvents, "configured", configured.Secret, clock.GetUtcNow(), fromConfiguration: true);
            }
        }
    }
}
