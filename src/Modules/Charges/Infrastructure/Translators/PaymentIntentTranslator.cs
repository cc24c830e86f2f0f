using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.Charges.Application.SettleCharge;

namespace ModularPayments.Modules.Charges.Infrastructure.Translators;

/// <summary>
/// <c>payment_intent.succeeded</c>, <c>.failed</c>, <c>.rejected</c> and <c>.expired</c> (the last two are documented
/// final statuses the simulator does not send): the charge's final state, with Fintoc's <c>error_reason</c>.
/// </summary>
internal sealed class PaymentIntentTranslator : IWebhookTranslator
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        ["payment_intent.succeeded", "payment_intent.failed", "payment_intent.rejected", "payment_intent.expired"];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var intent = WebhookPayload.Read<FintocPaymentIntent>(webhook, pi => pi.Id);
        var snapshot = intent.ToSnapshot() with { Status = WebhookPayload.StatusOf(webhook.EventType) };
        return new SettleChargeCommand(snapshot, "webhook", webhook.EventId, webhook.CreatedAt);
    }
}
