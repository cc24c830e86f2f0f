using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.RecordAuthorization;

internal sealed class RecordSubscriptionEventCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<RecordSubscriptionEventCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(RecordSubscriptionEventCommand request, CancellationToken cancellationToken)
    {
        var at = request.OccurredAt ?? timeProvider.GetUtcNow();
        var mandateId = await FindMandateAsync(request, cancellationToken);
        if (mandateId is null)
        {
            if (request.EventType.StartsWith("subscription.", StringComparison.Ordinal))
            {
                // Fintoc's subscription events can come before the intent's: retried until the intent has claimed it.
                throw new InvalidOperationException($"No mandate has claimed subscription {request.SubscriptionId} yet.");
            }

            return WebhookHandling.AlreadyApplied($"subscription intent {request.SubscriptionIntentId} is not one of our mandates");
        }

        var stream = MandateStreams.Mandate(mandateId.Value);
        var mandate = await store.LoadAsync<Mandate>(stream, cancellationToken);
        if (!mandate.State.Exists)
        {
            return WebhookHandling.AlreadyApplied($"mandate {mandateId} does not exist");
        }

        Transition step;
        switch (request.EventType)
        {
            case "subscription_intent.succeeded":
                if (request.SubscriptionId is { } subscriptionId)
                {
                    var claimStream = MandateStreams.FintocReference(subscriptionId);
                    var claim = await store.LoadAsync<FintocReferenceClaim>(claimStream, cancellationToken);
                    claim.Claim(subscriptionId, mandateId.Value, at);
                    await store.StoreAsync(claimStream, claim, cancellationToken: cancellationToken);
                }

                step = mandate.Authorize(request.SubscriptionId, at);
                break;
            case "subscription.activated":
                step = mandate.Activate(at);
                break;
            case "subscription.canceled":
                step = mandate.Cancel("subscription_canceled", "bank", at);
                break;
            default:
                step = mandate.FailAuthorization(request.Reason ?? request.EventType[(request.EventType.LastIndexOf('.') + 1)..], at);
                break;
        }

        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        return step.ToHandling($"{PublicIdKind.Mandate.Format(mandateId.Value)} {mandate.State.Status.Name()}");
    }

    private async Task<Guid?> FindMandateAsync(RecordSubscriptionEventCommand request, CancellationToken cancellationToken)
    {
        if (PublicIdKind.Mandate.TryParse(request.MandateReference, out var referenced))
        {
            return referenced;
        }

        var fintocId = request.EventType.StartsWith("subscription_intent.", StringComparison.Ordinal) ? request.SubscriptionIntentId : request.SubscriptionId;
        if (string.IsNullOrEmpty(fintocId))
        {
            return null;
        }

        var claim = await store.LoadAsync<FintocReferenceClaim>(MandateStreams.FintocReference(fintocId), cancellationToken);
        return claim.State.MandateId;
    }
}
