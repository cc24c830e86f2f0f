using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>Fintoc's object shapes (facts file, section 5).</summary>
internal static class Representations
{
    public static JsonObject Customer(SimCustomer customer) => new()
    {
        ["id"] = customer.Id,
        ["object"] = "customer",
        ["address"] = null,
        ["created_at"] = SimulatorJson.Timestamp(customer.CreatedAt),
        ["email"] = customer.Email,
        ["metadata"] = customer.Metadata.DeepClone(),
        ["mode"] = "test",
        ["name"] = customer.Name,
        ["phone"] = customer.Phone,
        ["tax_id"] = customer.TaxId is null ? null : new JsonObject { ["type"] = customer.TaxId.Type, ["value"] = customer.TaxId.Value },
    };

    public static JsonObject CheckoutSession(SimCheckoutSession session, SimCustomer? customer) => new()
    {
        ["id"] = session.Id,
        ["object"] = "checkout_session",
        ["amount"] = session.Amount,
        ["cancel_url"] = session.CancelUrl,
        ["created_at"] = SimulatorJson.Timestamp(session.CreatedAt),
        ["currency"] = session.Currency,
        ["customer"] = customer is null ? null : Customer(customer),
        ["expires_at"] = SimulatorJson.Timestamp(session.ExpiresAt),
        ["flow"] = session.Flow,
        ["metadata"] = session.Metadata.DeepClone(),
        ["mode"] = "test",
        ["payment_method"] = session.PaymentMethodId,
        ["payment_method_types"] = new JsonArray([.. session.PaymentMethodTypes.Select(type => (JsonNode?)JsonValue.Create(type))]),
        ["redirect_url"] = session.RedirectUrl,
        ["session_token"] = session.SessionToken,
        ["status"] = session.Status,
        ["success_url"] = session.SuccessUrl,
    };

    public static JsonObject PaymentMethod(SimPaymentMethod method) => new()
    {
        ["id"] = method.Id,
        ["object"] = "payment_method",
        ["card"] = method.Card is null ? null : new JsonObject
        {
            ["brand"] = method.Card.Brand,
            ["last4"] = method.Card.Last4,
            ["expiration"] = new JsonObject { ["month"] = method.Card.ExpiryMonth, ["year"] = method.Card.ExpiryYear },
            ["holder_name"] = method.Card.HolderName,
            ["status"] = method.Status,
        },
        ["created_at"] = SimulatorJson.Timestamp(method.CreatedAt),
        ["customer"] = method.CustomerId,
        ["metadata"] = new JsonObject(),
        ["mode"] = "test",
        ["pac"] = method.Pac is null ? null : new JsonObject
        {
            ["account_holder_id"] = method.Pac.HolderId,
            ["account_number"] = method.Pac.Number,
            ["account_type"] = method.Pac.Type,
            ["institution"] = Institution(method.Pac),
            ["status"] = method.Status,
        },
        ["status"] = method.Status,
        ["type"] = method.Type,
    };

    public static JsonObject PaymentIntent(SimPaymentIntent intent) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "payment_intent",
        ["amount"] = intent.Amount,
        ["business_profile"] = null,
        ["created_at"] = SimulatorJson.Timestamp(intent.CreatedAt),
        ["currency"] = intent.Currency,
        ["customer"] = intent.CustomerId,
        ["customer_email"] = null,
        ["error_reason"] = intent.ErrorReason,
        ["expires_at"] = null,
        ["metadata"] = intent.Metadata.DeepClone(),
        ["mode"] = "test",
        ["payment_method"] = intent.PaymentMethodId,
        ["reference_id"] = null,
        ["status"] = intent.Status,
        ["widget_token"] = null,
    };

    public static JsonObject SubscriptionIntent(SimSubscriptionIntent intent, SimSubscription? subscription, bool includeWidgetToken) => new()
    {
        ["id"] = intent.Id,
        ["object"] = "subscription_intent",
        ["business_profile"] = intent.BusinessProfile?.DeepClone(),
        ["created_at"] = SimulatorJson.Timestamp(intent.CreatedAt),
        ["customer_email"] = intent.CustomerEmail,
        ["metadata"] = intent.Metadata.DeepClone(),
        ["mode"] = "test",
        ["public_error"] = intent.PublicError,
        ["reference_id"] = intent.ReferenceId,
        ["status"] = intent.Status,
        ["subscription"] = subscription is null ? null : Subscription(subscription),
        ["widget_token"] = includeWidgetToken ? intent.WidgetToken : null,
    };

    public static JsonObject Subscription(SimSubscription subscription) => new()
    {
        ["id"] = subscription.Id,
        ["object"] = "subscription",
        ["account"] = new JsonObject
        {
            ["id"] = "acc_" + subscription.Account.Number,
            ["object"] = "account",
            ["balance"] = null,
            ["currency"] = "CLP",
            ["holder_id"] = subscription.Account.HolderId,
            ["holder_name"] = "Jon Snow",
            ["institution"] = Institution(subscription.Account),
            ["name"] = "Cuenta Corriente",
            ["number"] = subscription.Account.Number,
            ["official_name"] = "Cuenta Corriente",
            ["type"] = subscription.Account.Type,
        },
        ["created_at"] = SimulatorJson.Timestamp(subscription.CreatedAt),
        ["mode"] = "test",
        ["reference_id"] = subscription.ReferenceId,
        ["status"] = subscription.Status,
    };

    public static JsonObject Charge(SimCharge charge) => new()
    {
        ["id"] = charge.Id,
        ["object"] = "charge",
        ["amount"] = charge.Amount,
        ["business_profile"] = null,
        ["created_at"] = SimulatorJson.Timestamp(charge.CreatedAt),
        ["currency"] = charge.Currency,
        ["failure_code"] = charge.FailureCode,
        ["metadata"] = charge.Metadata.DeepClone(),
        ["mode"] = "test",
        ["recipient_account"] = null,
        ["reference_id"] = null,
        ["status"] = charge.Status,
        ["subscription_id"] = charge.SubscriptionId,
    };

    public static JsonObject WebhookEndpoint(SimWebhookEndpoint endpoint, bool includeSecret) => new()
    {
        ["id"] = endpoint.Id,
        ["object"] = "webhook_endpoint",
        ["created_at"] = SimulatorJson.Timestamp(endpoint.CreatedAt),
        ["description"] = endpoint.Description,
        ["enabled_events"] = new JsonArray([.. endpoint.EnabledEvents.Select(type => (JsonNode?)JsonValue.Create(type))]),
        ["mode"] = "test",
        ["secret"] = includeSecret ? endpoint.Secret : null,
        ["status"] = endpoint.Status,
        ["url"] = endpoint.Url,
    };

    private static JsonObject Institution(PacAccount account) => new()
    {
        ["id"] = account.InstitutionId,
        ["country"] = "cl",
        ["name"] = account.InstitutionName,
    };
}
