namespace ModularPayments.Modules.Mandates.Contracts;

// CustomerId is null on events recorded before it was published.

/// <summary>Published once when a mandate may be charged: a saved method that is active, or a PAC subscription Fintoc activated.</summary>
public sealed record MandateActivated(Guid MandateId, DateTimeOffset ActivatedAt, Guid? CustomerId);

/// <summary>Published once when a mandate ends: <c>canceled</c> (merchant, bank, method), <c>revoked</c> by the payer, or <c>failed</c> authorization.</summary>
public sealed record MandateEnded(Guid MandateId, string Status, string Reason, DateTimeOffset EndedAt, Guid? CustomerId);

/// <summary>Published when a billing period is settled: <c>succeeded</c>, or <c>failed</c> after its last attempt.</summary>
public sealed record MandatePeriodSettled(Guid MandateId, int Period, string Outcome, int Attempts, string? Reason, DateTimeOffset SettledAt, Guid? CustomerId, Guid ChargeId);
