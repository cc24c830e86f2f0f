using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.SubmitCharge;

/// <summary>A submission attempt that got no answer from Fintoc, for the charge's timeline. <paramref name="Error"/> names the failure, never a secret.</summary>
public sealed record RecordSubmissionFailureCommand(Guid ChargeId, int Attempt, string Error) : ICommand<bool>;
