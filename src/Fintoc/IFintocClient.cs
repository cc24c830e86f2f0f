using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc;

/// <summary>Fintoc's API as this product uses it. Only module Infrastructure and the host may see it.</summary>
public interface IFintocClient
{
    CustomersClient Customers { get; }

    CheckoutSessionsClient CheckoutSessions { get; }

    PaymentMethodsClient PaymentMethods { get; }

    PaymentIntentsClient PaymentIntents { get; }

    SubscriptionIntentsClient SubscriptionIntents { get; }

    SubscriptionsClient Subscriptions { get; }

    ChargesClient Charges { get; }

    WebhookEndpointsClient WebhookEndpoints { get; }
}
