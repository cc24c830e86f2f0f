using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.Customers;

public sealed record CustomerState : AggregateState<CustomerState>
{
    public Guid Id { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? TaxIdType { get; init; }

    public string? TaxIdValue { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset RegisteredAt { get; init; }

    public string? FintocCustomerId { get; init; }

    public bool IsRegistered => Id != Guid.Empty;

    public override CustomerState When(IDomainEvent domainEvent) => domainEvent switch
    {
        CustomerRegistered registered => this with
        {
            Id = registered.CustomerId,
            Name = registered.Name,
            Email = registered.Email,
            TaxIdType = registered.TaxIdType,
            TaxIdValue = registered.TaxIdValue,
            Metadata = registered.Metadata,
            RegisteredAt = registered.RegisteredAt,
        },
        CustomerLinkedToFintoc linked => this with { FintocCustomerId = linked.FintocCustomerId },
        _ => this,
    };
}
