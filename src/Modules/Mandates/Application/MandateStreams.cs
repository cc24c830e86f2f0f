using ModularPayments.BuildingBlocks.EventSourcing;

namespace ModularPayments.Modules.Mandates.Application;

/// <summary>Stream names and derived ids of the Mandates module. Other modules never read them.</summary>
public static class MandateStreams
{
    public const string MandatePrefix = "mandates.mandate-";
    public const string FintocReferencePrefix = "mandates.fintoc_reference-";
    public const string ChargePrefix = "mandates.charge-";
    public const string PaymentMethodPrefix = "mandates.payment_method-";

    /// <summary>The metadata key our mandate id travels under on Fintoc's subscription intent.</summary>
    public const string MandateMetadataKey = "mp_mandate_id";

    public static string Mandate(Guid mandateId) => MandatePrefix + mandateId.ToString("N");

    public static string FintocReference(string fintocId) => FintocReferencePrefix + fintocId;

    public static string Charge(Guid chargeId) => ChargePrefix + chargeId.ToString("N");

    public static string PaymentMethod(Guid paymentMethodId) => PaymentMethodPrefix + paymentMethodId.ToString("N");

    public static Guid MandateIdFor(string idempotencyKey) => DeterministicGuid.Create("mandates/idempotency/" + idempotencyKey);

    /// <summary>
    /// The charge of one attempt at one period: every instance, restart and replay derives the same id, and Charges is
    /// idempotent by it, so a period's attempt can never become two charges.
    /// </summary>
    public static Guid ChargeIdFor(Guid mandateId, int period, int attempt) =>
        DeterministicGuid.Create($"mandates/{mandateId:N}/period/{period}/attempt/{attempt}");

    /// <summary>The Idempotency-Key of the subscription intent created for a mandate.</summary>
    public static string SubscriptionIntentKey(Guid mandateId) => $"mandate-{mandateId:N}-subscription-intent";
}
