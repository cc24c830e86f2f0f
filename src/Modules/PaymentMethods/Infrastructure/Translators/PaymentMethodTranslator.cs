using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;
using ModularPayments.Modules.PaymentMethods.Domain;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure.Translators;

/// <summary>
/// <c>payment_method.activated</c> (a <c>pac</c> object with <c>institution</c> and <c>status</c> and <c>card: null</c>,
/// or a <c>card</c> object) and <c>payment_method.canceled</c>. Only the last 4 digits of a number pass this point.
/// </summary>
internal sealed class PaymentMethodTranslator : IWebhookTranslator
{
    public const string Activated = "payment_method.activated";
    public const string Canceled = "payment_method.canceled";

    public IReadOnlyCollection<string> EventTypes { get; } = [Activated, Canceled];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var method = WebhookPayload.PaymentMethod(webhook).ToSnapshot();
        switch (webhook.EventType)
        {
            case Activated:
                var type = method.Type ?? (method.CardBrand is not null ? PaymentMethodTypes.Card : method.InstitutionId is not null ? PaymentMethodTypes.Pac : null);
                if (!PaymentMethodTypes.IsKnown(type))
                {
                    throw new UnusableWebhookException("data.type", $"{Activated} {webhook.EventId} has payment method type '{type}'.");
                }

                return new ActivatePaymentMethodCommand(method with { Type = type }, webhook.CreatedAt);
            case Canceled:
                return new CancelPaymentMethodCommand(method.FintocPaymentMethodId, method.FintocCustomerId, webhook.CreatedAt);
            default:
                throw new UnusableWebhookException("type", $"{nameof(PaymentMethodTranslator)} does not translate {webhook.EventType}.");
        }
    }
}
