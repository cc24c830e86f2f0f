using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Integration;
using DomainEvents = ModularPayments.Modules.Customers.Domain.Customers;
using Published = ModularPayments.Modules.Customers.Contracts;

namespace ModularPayments.Modules.Customers.Infrastructure;

internal sealed class CustomersIntegrationEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(IDomainEvent domainEvent, RecordedEvent record)
    {
        if (domainEvent is DomainEvents.CustomerRegistered registered)
        {
            yield return new Published.CustomerRegistered(
                registered.CustomerId,
                registered.Name,
                registered.Email,
                registered.TaxIdType,
                registered.TaxIdValue,
                registered.RegisteredAt);
        }

        if (domainEvent is DomainEvents.CustomerLinkedToFintoc linked)
        {
            yield return new Published.CustomerLinkedToFintoc(linked.CustomerId, linked.FintocCustomerId, linked.LinkedAt);
        }
    }
}
