using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.TaxIdClaims;

public sealed record TaxIdClaimState : AggregateState<TaxIdClaimState>
{
    public Guid CustomerId { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }

    public bool IsClaimed => CustomerId != Guid.Empty;

    public override TaxIdClaimState When(IDomainEvent domainEvent) => domainEvent switch
    {
        TaxIdClaimed claimed => this with { CustomerId = claimed.CustomerId, ClaimedAt = claimed.ClaimedAt },
        TaxIdClaimReassigned reassigned => this with { CustomerId = reassigned.CustomerId, ClaimedAt = reassigned.ReassignedAt },
        _ => this,
    };
}
