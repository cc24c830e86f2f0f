using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.SubmitCharge;

/// <summary>
/// Creates Fintoc's object for a requested charge (by the submitter reactor, or the janitor for one left behind) and
/// records the answer. A charge that already has Fintoc's id, or is final, is left as it is.
/// </summary>
public sealed record SubmitChargeCommand(Guid ChargeId) : ICommand<ChargeDto>;
