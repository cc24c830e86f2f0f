using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.ListCustomers;

/// <summary>Query-string values as received; the validator checks them and the handler normalises them.</summary>
public sealed record ListCustomersQuery(string? TaxId, string? Email, string? Limit, string? StartingAfter) : IQuery<CustomerPage>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
}
