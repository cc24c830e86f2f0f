using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Application.GetSetupSession;

/// <summary>
/// Reads the session's own stream, not a projection: a merchant's success page asks right after the payer comes
/// back, and must see what a webhook or a refresh has just recorded.
/// </summary>
internal sealed class GetSetupSessionQueryHandler(IAggregateStore store) : IQueryHandler<GetSetupSessionQuery, SetupSessionDto>
{
    public async Task<SetupSessionDto> Handle(GetSetupSessionQuery request, CancellationToken cancellationToken)
    {
        var session = await store.LoadAsync<SetupSession>(PaymentMethodStreams.SetupSession(request.SetupSessionId), cancellationToken);
        return session.State.Exists
            ? session.State.ToDto()
            : throw new NotFoundException(PublicIdKind.SetupSession.Resource, PublicIdKind.SetupSession.Format(request.SetupSessionId));
    }
}
