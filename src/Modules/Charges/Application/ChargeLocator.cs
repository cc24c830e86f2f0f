using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application;

/// <summary>
/// Finds our charge for a Fintoc object: by the <c>mp_charge_id</c> metadata we sent (it works before Fintoc's answer
/// to our create call is stored), else by the claim on Fintoc's id.
/// </summary>
internal sealed class ChargeLocator(IAggregateStore store)
{
    public async Task<(Charge Charge, string Stream)> LoadAsync(string fintocId, string? chargeReference, CancellationToken cancellationToken)
    {
        if (PublicIdKind.Charge.TryParse(chargeReference, out var referenced))
        {
            var stream = ChargeStreams.Charge(referenced);
            var charge = await store.LoadAsync<Charge>(stream, cancellationToken);
            if (charge.State.Exists)
            {
                return (charge, stream);
            }
        }

        var claim = await store.LoadAsync<FintocObjectClaim>(ChargeStreams.FintocObject(fintocId), cancellationToken);
        if (claim.State.ChargeId is { } claimed)
        {
            var stream = ChargeStreams.Charge(claimed);
            var charge = await store.LoadAsync<Charge>(stream, cancellationToken);
            if (charge.State.Exists)
            {
                return (charge, stream);
            }
        }

        throw new UnknownChargeException(fintocId, chargeReference);
    }

    /// <summary>Claims Fintoc's id for the charge ("no stream"); a repeat by the same charge changes nothing.</summary>
    public async Task ClaimAsync(string fintocId, Guid chargeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = ChargeStreams.FintocObject(fintocId);
        var claim = await store.LoadAsync<FintocObjectClaim>(stream, cancellationToken);
        claim.Claim(fintocId, chargeId, now);
        await store.StoreAsync(stream, claim, cancellationToken: cancellationToken);
    }
}

/// <summary>A Fintoc object we never asked for (or not yet stored): the reactor retries, then parks it with this reason.</summary>
public sealed class UnknownChargeException(string fintocId, string? chargeReference)
    : Exception($"No charge of ours matches Fintoc object {fintocId}" +
                (chargeReference is null ? " (no mp_charge_id metadata)." : $" (metadata mp_charge_id '{chargeReference}')."))
{
    public string FintocId { get; } = fintocId;
}
