using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Mandates.Domain.Mandates;

/// <summary>
/// The merchant's mandate as asked: the instrument (<c>payment_method</c> or <c>pac_subscription</c>), the amount,
/// the schedule (frequency monthly or weekly; day of month 0 = last day) and the retry policy.
/// </summary>
[EventType("mandates.mandate_created.v1")]
public sealed record MandateCreated(
    Guid MandateId,
    Guid CustomerId,
    string Instrument,
    Guid? PaymentMethodId,
    long Amount,
    string Currency,
    string Frequency,
    int DayOfMonth,
    string? Weekday,
    DateOnly StartDate,
    string? ReferenceId,
    int MaxAttempts,
    int RetryAfterBusinessDays,
    string? IdempotencyKey,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>Fintoc's v1 subscription intent for a PAC mandate; the widget token is what the merchant's front end opens.</summary>
[EventType("mandates.mandate_authorization_started.v1")]
public sealed record MandateAuthorizationStarted(Guid MandateId, string SubscriptionIntentId, string? WidgetToken, DateTimeOffset StartedAt) : IDomainEvent;

/// <summary>The payer authorized the debit (<c>subscription_intent.succeeded</c>); the 72 hours start here.</summary>
[EventType("mandates.mandate_authorized.v1")]
public sealed record MandateAuthorized(Guid MandateId, string? SubscriptionId, DateTimeOffset AuthorizedAt) : IDomainEvent;

/// <summary>The authorization was refused or failed (<c>subscription_intent.failed</c>/<c>rejected</c>): final.</summary>
[EventType("mandates.mandate_authorization_failed.v1")]
public sealed record MandateAuthorizationFailed(Guid MandateId, string Reason, DateTimeOffset FailedAt, Guid CustomerId = default) : IDomainEvent;

/// <summary>The mandate may be charged from <paramref name="FirstPeriod"/>, no earlier than <paramref name="EarliestChargeAt"/>.</summary>
[EventType("mandates.mandate_activated.v1")]
public sealed record MandateActivated(Guid MandateId, int FirstPeriod, DateTimeOffset EarliestChargeAt, DateTimeOffset ActivatedAt, Guid CustomerId = default) : IDomainEvent;

[EventType("mandates.mandate_paused.v1")]
public sealed record MandatePaused(Guid MandateId, DateTimeOffset PausedAt) : IDomainEvent;

/// <summary>Periods due while paused are skipped: billing goes on from <paramref name="NextPeriod"/>.</summary>
[EventType("mandates.mandate_resumed.v1")]
public sealed record MandateResumed(Guid MandateId, int NextPeriod, DateTimeOffset ResumedAt) : IDomainEvent;

/// <summary>Final. <paramref name="Source"/>: merchant, bank (<c>subscription.canceled</c>) or payment_method.</summary>
[EventType("mandates.mandate_canceled.v1")]
public sealed record MandateCanceled(Guid MandateId, string Reason, string Source, DateTimeOffset CanceledAt, Guid CustomerId = default) : IDomainEvent;

/// <summary>Final: the payer disabled the authorization.</summary>
[EventType("mandates.mandate_revoked.v1")]
public sealed record MandateRevoked(Guid MandateId, string Reason, DateTimeOffset RevokedAt, Guid CustomerId = default) : IDomainEvent;

/// <summary>A charge failed in a way only the merchant can fix (amount above the authorized one): no charges until resumed.</summary>
[EventType("mandates.mandate_requires_action.v1")]
public sealed record MandateRequiresAction(Guid MandateId, int Period, string Reason, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// One attempt at one period, recorded before Charges is asked (the requester reactor asks from the log). The charge id
/// is derived from (mandate, period, attempt): a repeat anywhere asks for the same charge.
/// </summary>
[EventType("mandates.mandate_charge_requested.v1")]
public sealed record MandateChargeRequested(
    Guid MandateId,
    Guid CustomerId,
    int Period,
    int Attempt,
    Guid ChargeId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    DateOnly DueDate,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpectedProcessingAt,
    DateTimeOffset ExpectedFinalStatusAt) : IDomainEvent;

[EventType("mandates.mandate_charge_succeeded.v1")]
public sealed record MandateChargeSucceeded(Guid MandateId, int Period, int Attempt, Guid ChargeId, DateTimeOffset SucceededAt, DateTimeOffset ExpectedPayoutAt, Guid CustomerId = default) : IDomainEvent;

/// <summary>
/// Fintoc got the attempt's charge later than it was asked for (submissions queued behind Fintoc's rate limit) and
/// across a 16:00 cut-off: its expected processing and final-status instants move with it.
/// </summary>
[EventType("mandates.mandate_charge_processing_moved.v1")]
public sealed record MandateChargeProcessingMoved(
    Guid MandateId,
    int Period,
    int Attempt,
    Guid ChargeId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ExpectedProcessingAt,
    DateTimeOffset ExpectedFinalStatusAt) : IDomainEvent;

/// <summary><paramref name="Decision"/>: retry (at <paramref name="RetryAt"/>), give_up, requires_action, revoke, or none (mandate already ended).</summary>
[EventType("mandates.mandate_charge_failed.v1")]
public sealed record MandateChargeFailed(Guid MandateId, int Period, int Attempt, Guid ChargeId, string Reason, string Decision, DateTimeOffset? RetryAt, DateTimeOffset FailedAt, Guid CustomerId = default) : IDomainEvent;

/// <summary>
/// When the mandate's next attempt is due (null: none while one is in flight, or the mandate is not active). Appended
/// whenever it changes, so the billing engine finds due mandates in the projection instead of loading every one.
/// </summary>
[EventType("mandates.mandate_next_charge_scheduled.v1")]
public sealed record MandateNextChargeScheduled(Guid MandateId, DateTimeOffset? NextChargeAt) : IDomainEvent;

// CustomerId on the events above came later (for the merchant feed): events recorded before carry none (Guid.Empty).

/// <summary>One stream per Fintoc subscription intent or subscription, claimed with "no stream": Fintoc's id leads to the mandate.</summary>
[EventType("mandates.fintoc_reference_claimed.v1")]
public sealed record FintocReferenceClaimed(string FintocId, Guid MandateId, DateTimeOffset ClaimedAt) : IDomainEvent;

/// <summary>One stream per charge a mandate asked for: the way back from Charges' events to the mandate.</summary>
[EventType("mandates.mandate_charge_claimed.v1")]
public sealed record MandateChargeClaimed(Guid ChargeId, Guid MandateId, int Period, int Attempt, DateTimeOffset ClaimedAt) : IDomainEvent;
