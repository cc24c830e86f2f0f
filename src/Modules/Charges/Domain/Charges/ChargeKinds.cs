using System.Diagnostics.CodeAnalysis;

namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>What Fintoc object a charge becomes.</summary>
public static class ChargeKinds
{
    /// <summary>A v2 Payment Intent on a saved payment method (seed 000, step 4).</summary>
    public const string PaymentIntent = "payment_intent";

    /// <summary>A v1 charge on an active PAC subscription (seed 003): CLP only.</summary>
    public const string SubscriptionCharge = "subscription_charge";

    public static bool IsKnown([NotNullWhen(true)] string? kind) => kind is PaymentIntent or SubscriptionCharge;
}
