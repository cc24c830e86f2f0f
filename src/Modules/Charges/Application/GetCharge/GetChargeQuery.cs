using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.GetCharge;

public sealed record GetChargeQuery(Guid ChargeId) : IQuery<ChargeDto>;
