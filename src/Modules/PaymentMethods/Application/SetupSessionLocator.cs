using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Application;

/// <summary>
/// Finds our setup session for a Fintoc checkout session: by the <c>mp_setup_session_id</c> metadata we sent (it
/// works even before Fintoc's answer to our create call is stored), else by the claim on Fintoc's id.
/// </summary>
internal sealed class SetupSessionLocator(IAggregateStore store)
{
    /// <summary>The session and its stream; throws <see cref="UnknownSetupSessionException"/> when it is none of ours.</summary>
    public async Task<(SetupSession Session, string Stream)> LoadAsync(string fintocCheckoutSessionId, string? setupSessionReference, CancellationToken cancellationToken)
    {
        if (PublicIdKind.SetupSession.TryParse(setupSessionReference, out var referenced))
        {
            var stream = PaymentMethodStreams.SetupSession(referenced);
            var session = await store.LoadAsync<SetupSession>(stream, cancellationToken);
            if (session.State.Exists)
            {
                return (session, stream);
            }
        }

        var claim = await store.LoadAsync<FintocCheckoutSessionClaim>(PaymentMethodStreams.FintocCheckoutSession(fintocCheckoutSessionId), cancellationToken);
        if (claim.State.SetupSessionId is { } claimed)
        {
            var stream = PaymentMethodStreams.SetupSession(claimed);
            var session = await store.LoadAsync<SetupSession>(stream, cancellationToken);
            if (session.State.Exists)
            {
                return (session, stream);
            }
        }

        throw new UnknownSetupSessionException(fintocCheckoutSessionId, setupSessionReference);
    }
}

/// <summary>
/// A Fintoc checkout session we never created (or not yet stored): the reactor retries, then parks it with this reason.
/// </summary>
public sealed class UnknownSetupSessionException(string fintocCheckoutSessionId, string? setupSessionReference)
    : Exception($"No setup session of ours matches Fintoc checkout session {fintocCheckoutSessionId}" +
                (setupSessionReference is null ? " (no mp_setup_session_id metadata)." : $" (metadata mp_setup_session_id '{setupSessionReference}')."))
{
    public string FintocCheckoutSessionId { get; } = fintocCheckoutSessionId;
}
