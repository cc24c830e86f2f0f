using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>A verified delivery, stored before we answered 2xx: the provider's event id and type and the raw body.</summary>
[EventType("webhooks.received.v1")]
public sealed record WebhookReceived(string EventId, string EventType, string? Mode, DateTimeOffset? CreatedAt, string Payload, DateTimeOffset ReceivedAt) : IDomainEvent;

/// <summary>Every module that handles the type did so (<c>Outcome</c>: applied, already_applied or ignored_stale).</summary>
[EventType("webhooks.processed.v1")]
public sealed record WebhookProcessed(string Outcome, string? Note, DateTimeOffset ProcessedAt) : IDomainEvent;

/// <summary>No module handles this event type: kept, not an error.</summary>
[EventType("webhooks.ignored.v1")]
public sealed record WebhookIgnored(string Reason, DateTimeOffset IgnoredAt) : IDomainEvent;

[EventType("webhooks.attempt_failed.v1")]
public sealed record WebhookAttemptFailed(int Attempt, string ErrorType, string Reason, DateTimeOffset FailedAt) : IDomainEvent;

/// <summary>Given up after its attempts; <c>POST /admin/webhooks/{id}/reprocess</c> tries again.</summary>
[EventType("webhooks.parked.v1")]
public sealed record WebhookParked(int Attempts, string ErrorType, string Reason, DateTimeOffset ParkedAt) : IDomainEvent;

[EventType("webhooks.reprocess_requested.v1")]
public sealed record WebhookReprocessRequested(DateTimeOffset RequestedAt) : IDomainEvent;
