using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;

/// <summary>
/// Records the request, then asks Fintoc, then records Fintoc's answer. A crash or a Fintoc failure in between leaves
/// a Requested session that the same request (same Idempotency-Key) resumes: Fintoc's own Idempotency-Key is derived
/// from our session id, so the retried call finds the checkout session the first one created.
/// </summary>
internal sealed class CreateSetupSessionCommandHandler(
    IAggregateStore store,
    IFintocCustomerLinks customerLinks,
    ISetupGateway gateway,
    TimeProvider timeProvider)
    : ICommandHandler<CreateSetupSessionCommand, CreateSetupSessionResult>
{
    public async Task<CreateSetupSessionResult> Handle(CreateSetupSessionCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var customerId = PublicIdKind.Customer.ParseOrNotFound(request.CustomerId);
        var currency = request.Currency!.Trim().ToUpperInvariant();
        var types = request.PaymentMethodTypes?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var metadata = request.Metadata ?? new Dictionary<string, string>();
        var sessionId = request.IdempotencyKey is { } key
            ? PaymentMethodStreams.SetupSessionIdFor(key)
            : Guid.CreateVersion7(now);
        var stream = PaymentMethodStreams.SetupSession(sessionId);

        var session = await store.LoadAsync<SetupSession>(stream, cancellationToken);
        if (session.State.Exists)
        {
            if (!session.IsSameRequest(customerId, currency, types, request.SuccessUrl!, request.CancelUrl!, metadata))
            {
                throw new ConflictException(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with different parameters.",
                    new Dictionary<string, string> { ["existing_setup_session_id"] = PublicIdKind.SetupSession.Format(sessionId) });
            }

            if (session.State.IsOpenRecorded)
            {
                return new CreateSetupSessionResult(session.State.ToDto(), Created: false);
            }
        }
        else
        {
            var link = await customerLinks.EnsureLinkedAsync(customerId, cancellationToken)
                ?? throw new NotFoundException(PublicIdKind.Customer.Resource, PublicIdKind.Customer.Format(customerId));
            session.Request(sessionId, customerId, link.FintocCustomerId, currency, types, request.SuccessUrl!, request.CancelUrl!, metadata, now);
            await store.StoreAsync(stream, session, request.IdempotencyKey, cancellationToken);
        }

        var checkout = await gateway.CreateSetupCheckoutAsync(
            new SetupCheckoutRequest(
                sessionId,
                session.State.FintocCustomerId,
                session.State.Currency,
                session.State.RequestedPaymentMethodTypes,
                session.State.SuccessUrl,
                session.State.CancelUrl,
                new Dictionary<string, string>(session.State.Metadata) { [PaymentMethodStreams.SetupSessionMetadataKey] = PublicIdKind.SetupSession.Format(sessionId) }),
            cancellationToken);

        await ClaimFintocSessionAsync(checkout.FintocCheckoutSessionId, sessionId, now, cancellationToken);
        session.Open(checkout.FintocCheckoutSessionId, checkout.RedirectUrl, checkout.ExpiresAt, checkout.PaymentMethodTypes, timeProvider.GetUtcNow());
        await store.StoreAsync(stream, session, cancellationToken: cancellationToken);
        return new CreateSetupSessionResult(session.State.ToDto(), Created: true);
    }

    private async Task ClaimFintocSessionAsync(string fintocCheckoutSessionId, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimStream = PaymentMethodStreams.FintocCheckoutSession(fintocCheckoutSessionId);
        var claim = await store.LoadAsync<FintocCheckoutSessionClaim>(claimStream, cancellationToken);
        claim.Claim(fintocCheckoutSessionId, sessionId, now);
        await store.StoreAsync(claimStream, claim, cancellationToken: cancellationToken);
    }
}
