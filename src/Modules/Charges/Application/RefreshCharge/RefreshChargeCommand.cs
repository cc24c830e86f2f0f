using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.RefreshCharge;

/// <summary>
/// Settles a charge without waiting for a webhook: an unsubmitted one is submitted, a submitted pending one is re-read
/// from Fintoc. The janitor sends it for charges pending too long; <c>POST /v1/charges/{id}/refresh</c> too.
/// </summary>
public sealed record RefreshChargeCommand(Guid ChargeId) : ICommand<ChargeDto>;
