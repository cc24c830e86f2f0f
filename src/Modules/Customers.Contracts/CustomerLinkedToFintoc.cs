namespace ModularPayments.Modules.Customers.Contracts;

/// <summary>Published once when a customer is linked to its (one) Fintoc customer.</summary>
public sealed record CustomerLinkedToFintoc(Guid CustomerId, string FintocCustomerId, DateTimeOffset LinkedAt);
