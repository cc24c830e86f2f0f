namespace ModularPayments.Modules.Customers.Contracts;

/// <summary>A customer's link to Fintoc, as other modules may see it.</summary>
public sealed record FintocCustomerLink(Guid CustomerId, string FintocCustomerId);

/// <summary>
/// The Customers module's answer to "which Fintoc customer is this?", for modules that call Fintoc on a customer's
/// behalf. Implemented by Customers; other modules never read Customers' streams or tables.
/// </summary>
public interface IFintocCustomerLinks
{
    /// <summary>
    /// The customer's Fintoc customer, mirrored to Fintoc now if that has not happened yet (idempotent). Null when no
    /// such customer is registered.
    /// </summary>
    Task<FintocCustomerLink?> EnsureLinkedAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Our customer linked to a Fintoc customer id, or null when none is (yet).</summary>
    Task<Guid?> FindByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken);
}
