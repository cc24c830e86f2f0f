namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>A fact an aggregate recorded. Implementations are immutable records of primitives.</summary>
public interface IDomainEvent;
