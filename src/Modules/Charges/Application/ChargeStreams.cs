using ModularPayments.BuildingBlocks.EventSourcing;

namespace ModularPayments.Modules.Charges.Application;

/// <summary>Stream names and derived ids of the Charges module. Other modules never read them.</summary>
public static class ChargeStreams
{
    public const string ChargePrefix = "charges.charge-";
    public const string FintocObjectPrefix = "charges.fintoc_object-";

    /// <summary>The metadata key our charge id travels under on Fintoc's object (and back in its webhooks).</summary>
    public const string ChargeMetadataKey = "mp_charge_id";

    public static string Charge(Guid chargeId) => ChargePrefix + chargeId.ToString("N");

    public static string FintocObject(string fintocId) => FintocObjectPrefix + fintocId;

    /// <summary>The charge an Idempotency-Key stands for: concurrent requests with one key race for one stream.</summary>
    public static Guid ChargeIdFor(string idempotencyKey) => DeterministicGuid.Create("charges/idempotency/" + idempotencyKey);
}
