using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure.Translators;

/// <summary>
/// <c>checkout_session.finished</c> (with <c>customer</c> as an object and <c>payment_method</c> as a bare id) and
/// <c>checkout_session.expired</c>.
/// </summary>
internal sealed class CheckoutSessionTranslator : IWebhookTranslator
{
    public const string Finished = "checkout_session.finished";
    public const string Expired = "checkout_session.expired";

    public IReadOnlyCollection<string> EventTypes { get; } = [Finished, Expired];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var session = WebhookPayload.CheckoutSession(webhook).ToSnapshot();
        switch (webhook.EventType)
        {
            case Finished:
                if (session.Flow is null or "setup" && string.IsNullOrWhiteSpace(session.FintocPaymentMethodId))
                {
                    throw new UnusableWebhookException("data.payment_method", $"{Finished} {webhook.EventId} names no payment method.");
                }

                return new FinishSetupSessionCommand(
                    session.FintocCheckoutSessionId,
                    session.Flow,
                    session.SetupSessionReference,
                    session.FintocPaymentMethodId ?? string.Empty,
                    session.FintocCustomerId,
                    webhook.CreatedAt);
            case Expired:
                return new ExpireSetupSessionCommand(session.FintocCheckoutSessionId, session.Flow, session.SetupSessionReference, webhook.CreatedAt);
            default:
                throw new UnusableWebhookException("type", $"{nameof(CheckoutSessionTranslator)} does not translate {webhook.EventType}.");
        }
    }
}
