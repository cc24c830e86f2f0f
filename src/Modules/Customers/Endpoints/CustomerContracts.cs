using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Customers.Application;

namespace ModularPayments.Modules.Customers.Endpoints;

public sealed record TaxIdBody(string? Type, string? Value);

/// <summary>Body of <c>POST /v1/customers</c>.</summary>
public sealed record RegisterCustomerRequest(string? Name, string? Email, TaxIdBody? TaxId, Dictionary<string, string>? Metadata);

/// <summary>A customer on the wire.</summary>
public sealed record CustomerResponse(
    string Id,
    string Object,
    string? Name,
    string? Email,
    TaxIdBody? TaxId,
    IReadOnlyDictionary<string, string> Metadata,
    string? FintocCustomerId,
    DateTimeOffset CreatedAt)
{
    public static CustomerResponse From(CustomerDto customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerResponse(
            PublicIdKind.Customer.Format(customer.Id),
            "customer",
            customer.Name,
            customer.Email,
            customer.TaxId is null ? null : new TaxIdBody(customer.TaxId.Type, Domain.TaxIds.TaxId.Display(customer.TaxId.Type, customer.TaxId.Value)),
            customer.Metadata,
            customer.FintocCustomerId,
            customer.CreatedAt);
    }
}

/// <summary>A page of customers, newest first; pass the last id as <c>starting_after</c> for the next page.</summary>
public sealed record CustomerListResponse(string Object, IReadOnlyList<CustomerResponse> Data, bool HasMore);
