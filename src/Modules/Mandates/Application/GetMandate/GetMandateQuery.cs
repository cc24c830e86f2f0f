using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.GetMandate;

/// <summary>A mandate read from its own stream: its status, schedule, next charge date, last charge and failures.</summary>
public sealed record GetMandateQuery(Guid MandateId) : IQuery<MandateDto>;

/// <summary>Every attempt at every period of a mandate, oldest first.</summary>
public sealed record GetMandateChargesQuery(Guid MandateId) : IQuery<IReadOnlyList<MandateChargeDto>>;
