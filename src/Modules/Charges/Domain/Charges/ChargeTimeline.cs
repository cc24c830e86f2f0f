using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>A read-only view of a charge's stream: every event in order, for the timeline. It decides nothing.</summary>
public sealed class ChargeTimeline : Aggregate<ChargeTimelineState>;

public sealed record ChargeTimelineState : AggregateState<ChargeTimelineState>
{
    public IReadOnlyList<IDomainEvent> Events { get; init; } = [];

    public override ChargeTimelineState When(IDomainEvent domainEvent) => this with { Events = [.. Events, domainEvent] };
}
