namespace ModularPayments.Modules.Customers.Application;

public sealed record TaxIdDto(string Type, string Value);

/// <summary>A customer as the API shows it.</summary>
public sealed record CustomerDto(
    Guid Id,
    string? Name,
    string? Email,
    TaxIdDto? TaxId,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    string? FintocCustomerId = null);

public sealed record CustomerPage(IReadOnlyList<CustomerDto> Data, bool HasMore);
