using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.RegisterCustomer;

public sealed record TaxIdInput(string? Type, string? Value);

/// <summary>
/// Registers a customer. With an <paramref name="IdempotencyKey"/>, repeating the same request returns the customer
/// the first one created; the same key with different data is refused.
/// </summary>
public sealed record RegisterCustomerCommand(
    string? Name,
    string? Email,
    TaxIdInput? TaxId,
    IReadOnlyDictionary<string, string>? Metadata,
    string? IdempotencyKey) : ICommand<RegisterCustomerResult>;

/// <summary><paramref name="Created"/> is false when an idempotent repeat returned the stored customer.</summary>
public sealed record RegisterCustomerResult(CustomerDto Customer, bool Created);
