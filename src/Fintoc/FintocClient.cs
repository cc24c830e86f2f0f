using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModularPayments.Fintoc.Http;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc;

/// <summary>The typed client: one <see cref="FintocHttp"/> shared by every resource.</summary>
public sealed class FintocClient : IFintocClient
{
    public FintocClient(HttpClient http, FintocOptions options, TimeProvider? time = null, ILogger<FintocClient>? logger = null, RequestRateLimiter? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        http.BaseAddress ??= options.BaseAddress;
        var core = new FintocHttp(http, options, time ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance, rateLimiter);
        Customers = new CustomersClient(core);
        CheckoutSessions = new CheckoutSessionsClient(core);
        PaymentMethods = new PaymentMethodsClient(core);
        PaymentIntents = new PaymentIntentsClient(core);
        SubscriptionIntents = new SubscriptionIntentsClient(core);
        Subscriptions = new SubscriptionsClient(core);
        Charges = new ChargesClient(core);
        WebhookEndpoints = new WebhookEndpointsClient(core);
    }

    public CustomersClient Customers { get; }

    public CheckoutSessionsClient CheckoutSessions { get; }

    public PaymentMethodsClient PaymentMethods { get; }

    public PaymentIntentsClient PaymentIntents { get; }

    public SubscriptionIntentsClient SubscriptionIntents { get; }

    public SubscriptionsClient Subscriptions { get; }

    public ChargesClient Charges { get; }

    public WebhookEndpointsClient WebhookEndpoints { get; }
}
