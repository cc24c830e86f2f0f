namespace ModularPayments.Modules.Mandates.Contracts;

/// <summary>Published once when a mandate may be charged: a saved method that is active, or a PAC subscription Fintoc activated.</summary>
public sealed record MandateActivated(Guid MandateId, Guid CustomerId, string Instrument, DateTimeOffset ActivatedAt);

/// <summary>Published once when a mandate ends: canceled (merchant, bank, method), revoked by the payer, or its authorization failed.</summary>
public sealed record MandateEnded(Guid MandateId, Guid CustomerId, string Status, string Reason, DateTimeOffset EndedAt);

/// <summary>Published when a billing period is settled: succeeded, or failed for good after its last attempt.</summary>
public sealed record MandatePeriodSettled(Guid MandateId, Guid CustomerId, int Period, string Outcome, int Attempts, string? Reason, DateTimeOffset SettledAt);
