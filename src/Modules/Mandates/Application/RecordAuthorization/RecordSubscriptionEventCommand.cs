using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.Mandates.Application.RecordAuthorization;

/// <summary>
/// What Fintoc says about a PAC mandate's authorization: <c>subscription_intent.succeeded/failed/rejected</c> (found by
/// the intent's id or our <c>mp_mandate_id</c> metadata), <c>subscription.activated/canceled</c> (found by the
/// subscription's id, claimed when the intent succeeded).
/// </summary>
public sealed record RecordSubscriptionEventCommand(
    string EventType,
    string? SubscriptionIntentId,
    string? SubscriptionId,
    string? MandateReference,
    string? Reason,
    DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
