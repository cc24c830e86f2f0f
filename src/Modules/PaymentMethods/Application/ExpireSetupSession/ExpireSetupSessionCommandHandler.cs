using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;

internal sealed class ExpireSetupSessionCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<ExpireSetupSessionCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(ExpireSetupSessionCommand request, CancellationToken cancellationToken)
    {
        if (request.Flow is { } flow && flow != "setup")
        {
            return WebhookHandling.Stale($"checkout session {request.FintocCheckoutSessionId} has flow '{flow}', not setup");
        }

        var (session, stream) = await new SetupSessionLocator(store).LoadAsync(request.FintocCheckoutSessionId, request.SetupSessionReference, cancellationToken);
        var step = session.Expire(request.FintocCheckoutSessionId, request.OccurredAt ?? timeProvider.GetUtcNow());
        await store.StoreAsync(stream, session, cancellationToken: cancellationToken);
        return step.ToHandling($"setup session {PublicIdKind.SetupSession.Format(session.State.Id)} expired");
    }
}
