using ModularPayments.BuildingBlocks.EventSourcing;

namespace ModularPayments.Modules.PaymentMethods.Application;

/// <summary>Stream names and derived ids of the PaymentMethods module. Other modules never read them.</summary>
public static class PaymentMethodStreams
{
    public const string SetupSessionPrefix = "payment_methods.setup_session-";
    public const string PaymentMethodPrefix = "payment_methods.payment_method-";
    public const string FintocCheckoutSessionPrefix = "payment_methods.fintoc_checkout_session-";

    /// <summary>The metadata key our session id travels under on Fintoc's checkout session (and back in its webhooks).</summary>
    public const string SetupSessionMetadataKey = "mp_setup_session_id";

    public static string SetupSession(Guid setupSessionId) => SetupSessionPrefix + setupSessionId.ToString("N");

    public static string PaymentMethod(Guid paymentMethodId) => PaymentMethodPrefix + paymentMethodId.ToString("N");

    public static string FintocCheckoutSession(string fintocCheckoutSessionId) => FintocCheckoutSessionPrefix + fintocCheckoutSessionId;

    /// <summary>Our id for a Fintoc payment method: the same whichever event about it arrives first.</summary>
    public static Guid PaymentMethodIdFor(string fintocPaymentMethodId) =>
        DeterministicGuid.Create("payment_methods/fintoc/" + fintocPaymentMethodId);

    /// <summary>The session id an Idempotency-Key stands for, so a repeated request lands on the same stream.</summary>
    public static Guid SetupSessionIdFor(string idempotencyKey) =>
        DeterministicGuid.Create("payment_methods/setup_sessions/" + idempotencyKey);
}
