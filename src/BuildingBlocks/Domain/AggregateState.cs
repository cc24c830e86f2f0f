namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>Immutable aggregate state: the left fold of the aggregate's events.</summary>
public abstract record AggregateState<TState>
    where TState : AggregateState<TState>
{
    /// <summary>Returns the state after <paramref name="domainEvent"/>. Unknown events leave it unchanged.</summary>
    public abstract TState When(IDomainEvent domainEvent);
}
