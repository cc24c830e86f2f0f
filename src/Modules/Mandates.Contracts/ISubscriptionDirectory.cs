namespace ModularPayments.Modules.Mandates.Contracts;

/// <summary>
/// A Fintoc v1 subscription authorized through one of our PAC mandates, as other modules may see it. <c>MandateStatus</c>
/// is the mandate's: <c>pending_authorization</c>, <c>active</c>, <c>paused</c>, <c>requires_action</c>, <c>canceled</c>,
/// <c>revoked</c> or <c>failed</c>.
/// </summary>
public sealed record PublishedSubscription(string SubscriptionId, Guid MandateId, Guid CustomerId, string MandateStatus)
{
    /// <summary>The mandate ended (canceled, revoked, failed): the subscription must not be charged any more.</summary>
    public bool HasEnded => MandateStatus is "canceled" or "revoked" or "failed";
}

/// <summary>
/// The Mandates module's answer to "whose is this subscription, and may it still be charged?", read from the claim and
/// the mandate's own streams (not a read model). Implemented by Mandates.
/// </summary>
public interface ISubscriptionDirectory
{
    /// <summary>The subscription, or null when no mandate of this service was authorized with it.</summary>
    Task<PublishedSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken);
}
