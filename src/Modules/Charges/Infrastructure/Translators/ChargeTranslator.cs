using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.Charges.Application.SettleCharge;

namespace ModularPayments.Modules.Charges.Infrastructure.Translators;

/// <summary><c>charge.succeeded</c> and <c>charge.failed</c> (v1 subscription charges), with Fintoc's <c>failure_code</c>.</summary>
internal sealed class ChargeTranslator : IWebhookTranslator
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["charge.succeeded", "charge.failed"];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var charge = WebhookPayload.Read<FintocCharge>(webhook, c => c.Id);
        var snapshot = charge.ToSnapshot() with { Status = WebhookPayload.StatusOf(webhook.EventType) };
        return new SettleChargeCommand(snapshot, "webhook", webhook.EventId, webhook.CreatedAt);
    }
}
