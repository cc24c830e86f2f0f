using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Domain;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;

/// <summary>
/// Two streams, each written with its expected revision: the session, then the method. Both steps run on every
/// delivery, so a crash between them is completed by the next one, and a repeat changes nothing.
/// </summary>
internal sealed class FinishSetupSessionCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<FinishSetupSessionCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(FinishSetupSessionCommand request, CancellationToken cancellationToken)
    {
        if (request.Flow is { } flow && flow != "setup")
        {
            return WebhookHandling.Stale($"checkout session {request.FintocCheckoutSessionId} has flow '{flow}', not setup");
        }

        var at = request.OccurredAt ?? timeProvider.GetUtcNow();
        var (session, sessionStream) = await new SetupSessionLocator(store).LoadAsync(request.FintocCheckoutSessionId, request.SetupSessionReference, cancellationToken);
        var paymentMethodId = PaymentMethodStreams.PaymentMethodIdFor(request.FintocPaymentMethodId);

        var sessionStep = session.Finish(request.FintocCheckoutSessionId, paymentMethodId, request.FintocPaymentMethodId, at);
        await store.StoreAsync(sessionStream, session, cancellationToken: cancellationToken);
        if (sessionStep == Transition.Stale)
        {
            return sessionStep.ToHandling($"setup session {PublicIdKind.SetupSession.Format(session.State.Id)} is {session.State.Status}");
        }

        var methodStream = PaymentMethodStreams.PaymentMethod(paymentMethodId);
        var method = await store.LoadAsync<PaymentMethod>(methodStream, cancellationToken);
        var methodStep = method.RecordFromSession(
            paymentMethodId,
            request.FintocPaymentMethodId,
            session.State.Id,
            session.State.CustomerId,
            request.FintocCustomerId ?? session.State.FintocCustomerId,
            at);
        await store.StoreAsync(methodStream, method, cancellationToken: cancellationToken);

        return WebhookOutcomes.Combine(sessionStep, methodStep)
            .ToHandling($"setup session {PublicIdKind.SetupSession.Format(session.State.Id)} finished with {PublicIdKind.PaymentMethod.Format(paymentMethodId)}");
    }
}
