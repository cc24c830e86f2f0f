using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.ListChargeMismatches;

/// <summary>Charges whose Fintoc object differs from what was asked: the admin's worklist, newest first.</summary>
public sealed record ListChargeMismatchesQuery(int Limit = 100) : IQuery<ChargePage>;
