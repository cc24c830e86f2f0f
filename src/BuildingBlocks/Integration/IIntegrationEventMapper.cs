using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Integration;

/// <summary>A module's translation of its own domain events into the integration events its Contracts publish.</summary>
public interface IIntegrationEventMapper
{
    IEnumerable<object> Map(IDomainEvent domainEvent, RecordedEvent record);
}
