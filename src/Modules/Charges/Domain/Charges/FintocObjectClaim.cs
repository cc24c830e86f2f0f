using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>
/// One stream per Fintoc payment intent or charge id, appended with "no stream": the way from Fintoc's id to our
/// charge when a webhook carries no <c>mp_charge_id</c> metadata, and the proof that one Fintoc object is one charge.
/// </summary>
public sealed class FintocObjectClaim : Aggregate<FintocObjectClaimState>
{
    public Transition Claim(string fintocId, Guid chargeId, DateTimeOffset now)
    {
        if (State.ChargeId is { } owner)
        {
            return owner == chargeId
                ? Transition.AlreadyApplied
                : throw new DomainRuleViolation("fintoc_object_claimed", $"Fintoc object {fintocId} belongs to charge {owner}.");
        }

        Apply(new FintocObjectClaimed(Guard.Against.MissingValue(fintocId, "fintoc_id"), chargeId, now));
        return Transition.Applied;
    }
}

public sealed record FintocObjectClaimState : AggregateState<FintocObjectClaimState>
{
    public Guid? ChargeId { get; init; }

    public override FintocObjectClaimState When(IDomainEvent domainEvent) => domainEvent switch
    {
        FintocObjectClaimed claimed => this with { ChargeId = claimed.ChargeId },
        _ => this,
    };
}
