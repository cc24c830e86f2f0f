using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.Customers;

/// <summary>The customer's one Fintoc customer: created by us, or found because Fintoc already had its tax id.</summary>
[EventType("customers.customer_linked_to_fintoc.v1")]
public sealed record CustomerLinkedToFintoc(Guid CustomerId, string FintocCustomerId, DateTimeOffset LinkedAt) : IDomainEvent;
