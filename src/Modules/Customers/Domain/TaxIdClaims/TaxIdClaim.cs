using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Domain.TaxIdClaims;

/// <summary>
/// One stream per normalised tax id. Appending its first event with "no stream expected" is what makes a tax id
/// unique: of two racing registrations, the event store lets exactly one claim it.
/// </summary>
public sealed class TaxIdClaim : Aggregate<TaxIdClaimState>
{
    /// <summary>How long a claim without a stored customer is presumed to be a registration still in flight.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);

    public void Claim(TaxId taxId, Guid customerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(taxId);
        if (State.IsClaimed)
        {
            throw new DomainRuleViolation("tax_id_already_claimed", "This tax id is already claimed.", "tax_id.value");
        }

        Apply(new TaxIdClaimed(taxId.Type.ToWire(), taxId.Value, customerId, now));
    }

    /// <summary>
    /// Passes the claim to <paramref name="customerId"/> when the claiming customer was never stored and the claim is
    /// old enough that its registration cannot still be running.
    /// </summary>
    public void ReassignAbandoned(TaxId taxId, Guid customerId, bool claimantExists, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(taxId);
        if (!CanBeReassigned(claimantExists, now))
        {
            throw new DomainRuleViolation("tax_id_already_claimed", "This tax id belongs to another customer.", "tax_id.value");
        }

        Apply(new TaxIdClaimReassigned(taxId.Type.ToWire(), taxId.Value, State.CustomerId, customerId, now));
    }

    public bool CanBeReassigned(bool claimantExists, DateTimeOffset now) =>
        State.IsClaimed && !claimantExists && now - State.ClaimedAt >= AbandonedAfter;
}
