namespace ModularPayments.Modules.Customers.Application;

/// <summary>What Fintoc needs to know of a customer to mirror it.</summary>
public sealed record CustomerToMirror(Guid CustomerId, string? Name, string? Email, string? TaxIdType, string? TaxIdValue);

/// <summary>The Customers module's port to Fintoc's customers (implemented in Infrastructure over the Fintoc client).</summary>
public interface IFintocCustomerMirror
{
    /// <summary>
    /// The Fintoc customer for <paramref name="customer"/>: created with an idempotency key derived from our id, or,
    /// when Fintoc already holds its tax id, the one it holds.
    /// </summary>
    Task<string> CreateOrFindAsync(CustomerToMirror customer, CancellationToken cancellationToken);
}
