using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.Customers;

[EventType("customers.customer_registered.v1")]
public sealed record CustomerRegistered(
    Guid CustomerId,
    string? Name,
    string? Email,
    string? TaxIdType,
    string? TaxIdValue,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset RegisteredAt) : IDomainEvent;
