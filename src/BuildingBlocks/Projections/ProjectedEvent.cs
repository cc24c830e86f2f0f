using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>A deserialised domain event with where it sits in the log.</summary>
public sealed record ProjectedEvent(IDomainEvent Event, RecordedEvent Record);
