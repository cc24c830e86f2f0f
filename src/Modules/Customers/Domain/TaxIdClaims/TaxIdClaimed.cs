using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.TaxIdClaims;

[EventType("customers.tax_id_claimed.v1")]
public sealed record TaxIdClaimed(string TaxIdType, string TaxIdValue, Guid CustomerId, DateTimeOffset ClaimedAt) : IDomainEvent;

/// <summary>A claim whose customer was never stored (the registering process died in between) passed to a new customer.</summary>
[EventType("customers.tax_id_claim_reassigned.v1")]
public sealed record TaxIdClaimReassigned(string TaxIdType, string TaxIdValue, Guid AbandonedCustomerId, Guid CustomerId, DateTimeOffset ReassignedAt) : IDomainEvent;
