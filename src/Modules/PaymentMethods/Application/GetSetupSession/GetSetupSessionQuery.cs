using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.GetSetupSession;

public sealed record GetSetupSessionQuery(Guid SetupSessionId) : IQuery<SetupSessionDto>;
