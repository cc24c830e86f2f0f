using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application;

/// <summary>The mandate that asked Charges for a charge, found through the charge's claim stream (none: not ours).</summary>
internal static class MandateOfCharge
{
    public static async Task<(string Stream, Mandate Mandate)?> LoadAsync(IAggregateStore store, Guid chargeId, CancellationToken cancellationToken)
    {
        var claim = await store.LoadAsync<MandateChargeClaim>(MandateStreams.Charge(chargeId), cancellationToken);
        if (claim.State.MandateId is not { } mandateId)
        {
            return null;
        }

        var stream = MandateStreams.Mandate(mandateId);
        return (stream, await store.LoadAsync<Mandate>(stream, cancellationToken));
    }
}
