using System.Text.Json;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Modules.Charges.Infrastructure.Translators;

/// <summary>Reads a webhook's <c>data</c> as a Fintoc object; unknown fields are ignored, a missing id is unusable.</summary>
internal static class WebhookPayload
{
    public static T Read<T>(InboxedWebhook webhook, Func<T, string?> id)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(id);
        if (webhook.Data.ValueKind != JsonValueKind.Object)
        {
            throw new UnusableWebhookException("data", $"{webhook.EventType} {webhook.EventId}: data is not an object.");
        }

        T value;
        try
        {
            value = webhook.Data.Deserialize<T>(FintocJson.Options)
                ?? throw new UnusableWebhookException("data", $"{webhook.EventType} {webhook.EventId}: data is null.");
        }
        catch (JsonException invalid)
        {
            // The message names the path and the expected type, never the values.
            throw new UnusableWebhookException("data" + invalid.Path?.TrimStart('$'), $"{webhook.EventType} {webhook.EventId}: {invalid.Path} has an unexpected shape.");
        }

        return string.IsNullOrWhiteSpace(id(value))
            ? throw new UnusableWebhookException("data.id", $"{webhook.EventType} {webhook.EventId} carries no object id.")
            : value;
    }

    /// <summary><c>payment_intent.failed</c> → <c>failed</c>: the event type is the fact, whatever else data says.</summary>
    public static string StatusOf(string eventType) => eventType[(eventType.LastIndexOf('.') + 1)..];
}
