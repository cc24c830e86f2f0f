using System.Text.Json;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Http;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure.Translators;

/// <summary>Reads a webhook's <c>data</c> as a Fintoc object; unknown fields are ignored, missing required ones are unusable.</summary>
internal static class WebhookPayload
{
    public static FintocCheckoutSession CheckoutSession(InboxedWebhook webhook)
    {
        var session = Read<FintocCheckoutSession>(webhook);
        return string.IsNullOrWhiteSpace(session.Id)
            ? throw new UnusableWebhookException("data.id", $"{webhook.EventType} {webhook.EventId} carries no checkout session id.")
            : session;
    }

    public static FintocPaymentMethod PaymentMethod(InboxedWebhook webhook)
    {
        var method = Read<FintocPaymentMethod>(webhook);
        return string.IsNullOrWhiteSpace(method.Id)
            ? throw new UnusableWebhookException("data.id", $"{webhook.EventType} {webhook.EventId} carries no payment method id.")
            : method;
    }

    private static T Read<T>(InboxedWebhook webhook)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.Data.ValueKind != JsonValueKind.Object)
        {
            throw new UnusableWebhookException("data", $"{webhook.EventType} {webhook.EventId}: data is not an object.");
        }

        try
        {
            return webhook.Data.Deserialize<T>(FintocJson.Options)
                ?? throw new UnusableWebhookException("data", $"{webhook.EventType} {webhook.EventId}: data is null.");
        }
        catch (JsonException invalid)
        {
            // The message names the path and the expected type, never the values.
            throw new UnusableWebhookException("data" + invalid.Path?.TrimStart('$'), $"{webhook.EventType} {webhook.EventId}: {invalid.Path} has an unexpected shape.");
        }
    }
}
