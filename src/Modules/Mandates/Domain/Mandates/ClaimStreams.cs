using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Mandates.Domain.Mandates;

/// <summary>
/// A Fintoc subscription intent or subscription id claimed by one mandate, appended with "no stream": a webhook that
/// names only Fintoc's id finds our mandate, and one Fintoc object never serves two mandates.
/// </summary>
public sealed class FintocReferenceClaim : Aggregate<FintocReferenceClaimState>
{
    public Transition Claim(string fintocId, Guid mandateId, DateTimeOffset at)
    {
        if (State.MandateId is { } owner)
        {
            return owner == mandateId
                ? Transition.AlreadyApplied
                : throw new DomainRuleViolation("fintoc_object_claimed", $"Fintoc object {fintocId} belongs to mandate {owner}.");
        }

        Apply(new FintocReferenceClaimed(fintocId, mandateId, at));
        return Transition.Applied;
    }
}

public sealed record FintocReferenceClaimState : AggregateState<FintocReferenceClaimState>
{
    public Guid? MandateId { get; init; }

    public override FintocReferenceClaimState When(IDomainEvent domainEvent) => domainEvent switch
    {
        FintocReferenceClaimed claimed => this with { MandateId = claimed.MandateId },
        _ => this,
    };
}

/// <summary>A charge asked for by a mandate: the way from Charges' integration events back to the mandate and its period.</summary>
public sealed class MandateChargeClaim : Aggregate<MandateChargeClaimState>
{
    public Transition Claim(Guid chargeId, Guid mandateId, int period, int attempt, DateTimeOffset at)
    {
        if (State.MandateId is { } owner)
        {
            return owner == mandateId
                ? Transition.AlreadyApplied
                : throw new DomainRuleViolation("charge_claimed", $"Charge {chargeId} belongs to mandate {owner}.");
        }

        Apply(new MandateChargeClaimed(chargeId, mandateId, period, attempt, at));
        return Transition.Applied;
    }
}

public sealed record MandateChargeClaimState : AggregateState<MandateChargeClaimState>
{
    public Guid? MandateId { get; init; }

    public override MandateChargeClaimState When(IDomainEvent domainEvent) => domainEvent switch
    {
        MandateChargeClaimed claimed => this with { MandateId = claimed.MandateId },
        _ => this,
    };
}
