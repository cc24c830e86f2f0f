namespace ModularPayments.Modules.Customers.Contracts;

/// <summary>
/// Published once per customer after its registration is stored. Tax id values are normalised
/// (RUT without dots or hyphen, uppercase K; RFC uppercase); email is lowercase.
/// </summary>
public sealed record CustomerRegistered(
    Guid CustomerId,
    string? Name,
    string? Email,
    string? TaxIdType,
    string? TaxIdValue,
    DateTimeOffset RegisteredAt);
