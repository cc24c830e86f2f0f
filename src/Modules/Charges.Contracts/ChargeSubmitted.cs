namespace ModularPayments.Modules.Charges.Contracts;

/// <summary>
/// Published when Fintoc has the charge (its Payment Intent or v1 charge id is known). Fintoc schedules processing
/// from this moment, not from when the charge was asked for: the two differ when submissions queue up behind its rate
/// limit.
/// </summary>
public sealed record ChargeSubmitted(Guid ChargeId, string FintocId, DateTimeOffset SubmittedAt);
