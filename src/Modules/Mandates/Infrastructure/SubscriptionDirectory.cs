using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Contracts;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>Mandates' implementation of its published <see cref="ISubscriptionDirectory"/>: the subscription's claim leads to its mandate.</summary>
internal sealed class SubscriptionDirectory(IAggregateStore store) : ISubscriptionDirectory
{
    public async Task<PublishedSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var claim = await store.LoadAsync<FintocReferenceClaim>(MandateStreams.FintocReference(subscriptionId), cancellationToken);
        if (claim.State.MandateId is not { } mandateId)
        {
            return null;
        }

        var mandate = await store.LoadAsync<Mandate>(MandateStreams.Mandate(mandateId), cancellationToken);
        return mandate.State.Exists
            ? new PublishedSubscription(subscriptionId, mandateId, mandate.State.CustomerId, mandate.State.Status.Name())
            : null;
    }
}
