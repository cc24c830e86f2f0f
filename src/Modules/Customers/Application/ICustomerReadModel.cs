namespace ModularPayments.Modules.Customers.Application;

/// <summary>The customers projection, as queries see it. Eventually consistent with the event store.</summary>
public interface ICustomerReadModel
{
    Task<CustomerDto?> FindAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Newest first. A cursor that names no projected customer gives null.</summary>
    Task<CustomerPage?> ListAsync(CustomerFilter filter, CancellationToken cancellationToken);

    /// <summary>Our customer linked to that Fintoc customer, or null.</summary>
    Task<Guid?> FindIdByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken);
}

/// <summary>Normalised filter values; <see cref="Limit"/> is 1..100.</summary>
public sealed record CustomerFilter(string? TaxIdValue, string? Email, int Limit, Guid? StartingAfter);
