using System.Text.Json;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Application.RecordAuthorization;

namespace ModularPayments.Modules.Mandates.Infrastructure.Translators;

/// <summary><c>subscription_intent.succeeded</c>, <c>.failed</c>, <c>.rejected</c>: the payer's authorization of a PAC mandate.</summary>
internal sealed class SubscriptionIntentTranslator : IWebhookTranslator
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["subscription_intent.succeeded", "subscription_intent.failed", "subscription_intent.rejected"];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var data = Payload.Object(webhook);
        var subscription = data.TryGetProperty("subscription", out var sub) && sub.ValueKind == JsonValueKind.Object ? Payload.Text(sub, "id") : null;
        var reference = data.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? Payload.Text(metadata, MandateStreams.MandateMetadataKey) : null;
        return new RecordSubscriptionEventCommand(webhook.EventType, Payload.Id(webhook, data), subscription, reference, Payload.Text(data, "public_error"), webhook.CreatedAt);
    }
}

/// <summary><c>subscription.activated</c> and <c>subscription.canceled</c>: the bank's word on a PAC mandate's subscription.</summary>
internal sealed class SubscriptionTranslator : IWebhookTranslator
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["subscription.activated", "subscription.canceled"];

    public ICommand<WebhookHandling> Translate(InboxedWebhook webhook)
    {
        var data = Payload.Object(webhook);
        return new RecordSubscriptionEventCommand(webhook.EventType, null, Payload.Id(webhook, data), null, null, webhook.CreatedAt);
    }
}

internal static class Payload
{
    public static JsonElement Object(InboxedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return webhook.Data.ValueKind == JsonValueKind.Object
            ? webhook.Data
            : throw new UnusableWebhookException("data", $"{webhook.EventType} {webhook.EventId}: data is not an object.");
    }

    public static string Id(InboxedWebhook webhook, JsonElement data) =>
        Text(data, "id") ?? throw new UnusableWebhookException("data.id", $"{webhook.EventType} {webhook.EventId} carries no object id.");

    public static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
