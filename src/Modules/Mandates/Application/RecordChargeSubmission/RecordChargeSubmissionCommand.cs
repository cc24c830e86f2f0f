using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeSubmission;

/// <summary>
/// Fintoc got a charge (Charges' ChargeSubmitted): the mandate that asked for it, if any, moves the attempt's expected
/// dates when the submission came after the cut-off its request expected. Returns false for charges no mandate asked for.
/// </summary>
public sealed record RecordChargeSubmissionCommand(Guid ChargeId, DateTimeOffset SubmittedAt) : ICommand<bool>;
