using Microsoft.Extensions.Options;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc;

/// <summary>The typed client: one facade per resource over its Refit interface, all on the <c>fintoc</c> HttpClient.</summary>
internal sealed class FintocClient(
    IOptions<FintocOptions> options,
    ICustomersApi customers,
    ICheckoutSessionsApi checkoutSessions,
    IPaymentMethodsApi paymentMethods,
    IPaymentIntentsApi paymentIntents,
    ISubscriptionIntentsApi subscriptionIntents,
    ISubscriptionsApi subscriptions,
    IChargesApi charges,
    IWebhookEndpointsApi webhookEndpoints) : IFintocClient
{
    public CustomersClient Customers { get; } = new(customers, options.Value.BaseAddress);

    public CheckoutSessionsClient CheckoutSessions { get; } = new(checkoutSessions);

    public PaymentMethodsClient PaymentMethods { get; } = new(paymentMethods, options.Value.BaseAddress);

    public PaymentIntentsClient PaymentIntents { get; } = new(paymentIntents, options.Value.BaseAddress);

    public SubscriptionIntentsClient SubscriptionIntents { get; } = new(subscriptionIntents);

    public SubscriptionsClient Subscriptions { get; } = new(subscriptions, options.Value.BaseAddress);

    public ChargesClient Charges { get; } = new(charges, options.Value.BaseAddress);

    public WebhookEndpointsClient WebhookEndpoints { get; } = new(webhookEndpoints, options.Value.BaseAddress);
}
