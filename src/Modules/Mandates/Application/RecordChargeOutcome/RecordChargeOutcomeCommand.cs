using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;

/// <summary>
/// A charge's final word (Charges' ChargeSucceeded/ChargeFailed, or Charges refusing our request): applied to the
/// mandate that asked for it, if any. Returns false for charges no mandate asked for.
/// </summary>
public sealed record RecordChargeOutcomeCommand(Guid ChargeId, bool Succeeded, string? Reason, DateTimeOffset At) : ICommand<bool>;
