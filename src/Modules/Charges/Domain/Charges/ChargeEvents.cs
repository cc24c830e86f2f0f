using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>
/// Our intent, recorded before Fintoc is called: a crash after it is resumed by the submitter, never lost. The Fintoc
/// ids are those known at request time (the method's and the customer's), sent unchanged on every retry.
/// </summary>
[EventType("charges.charge_requested.v1")]
public sealed record ChargeRequested(
    Guid ChargeId,
    string Kind,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    string? FintocCustomerId,
    string? FintocPaymentMethodId,
    long Amount,
    string Currency,
    string? Description,
    IReadOnlyDictionary<string, string> Metadata,
    string? IdempotencyKey,
    DateTimeOffset RequestedAt) : IDomainEvent;

/// <summary>
/// Fintoc's object for this charge is known: from its answer to our create call (<paramref name="Source"/> submission),
/// or from a webhook that came first (webhook, with its event id), or from a re-read (janitor).
/// </summary>
[EventType("charges.charge_submitted.v1")]
public sealed record ChargeSubmitted(
    Guid ChargeId,
    string FintocId,
    string? FintocStatus,
    string Source,
    string? FintocEventId,
    DateTimeOffset SubmittedAt) : IDomainEvent;

/// <summary>A try to reach Fintoc that did not get an answer (timeout, 5xx, network); the submitter tries again.</summary>
[EventType("charges.charge_submission_attempt_failed.v1")]
public sealed record ChargeSubmissionAttemptFailed(Guid ChargeId, int Attempt, string Error, DateTimeOffset FailedAt) : IDomainEvent;

[EventType("charges.charge_succeeded.v1")]
public sealed record ChargeSucceeded(
    Guid ChargeId,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    string FintocId,
    string Source,
    string? FintocEventId,
    DateTimeOffset SucceededAt) : IDomainEvent;

/// <summary>Final: Fintoc's reason (<c>error_reason</c>, <c>failure_code</c>), or the code it refused our request with.</summary>
[EventType("charges.charge_failed.v1")]
public sealed record ChargeFailed(
    Guid ChargeId,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    string? FintocId,
    string Reason,
    string Source,
    string? FintocEventId,
    DateTimeOffset FailedAt) : IDomainEvent;

/// <summary>
/// Fintoc's object differs from what we asked for (<paramref name="Fields"/>: amount, currency, customer,
/// payment_method, subscription, fintoc_id). The charge is flagged, not settled: a person must look.
/// </summary>
[EventType("charges.charge_mismatch_detected.v1")]
public sealed record ChargeMismatchDetected(
    Guid ChargeId,
    string FintocId,
    string? FintocStatus,
    IReadOnlyList<string> Fields,
    string Detail,
    string Source,
    string? FintocEventId,
    DateTimeOffset DetectedAt) : IDomainEvent;

/// <summary>A fact that contradicts the charge's final state (e.g. failed after succeeded): kept, not applied.</summary>
[EventType("charges.charge_update_ignored.v1")]
public sealed record ChargeUpdateIgnored(
    Guid ChargeId,
    string FintocId,
    string? FintocStatus,
    string Reason,
    string Source,
    string? FintocEventId,
    DateTimeOffset IgnoredAt) : IDomainEvent;

/// <summary>One stream per Fintoc payment intent or charge id, claimed with "no stream": Fintoc's id leads to ours.</summary>
[EventType("charges.fintoc_object_claimed.v1")]
public sealed record FintocObjectClaimed(string FintocId, Guid ChargeId, DateTimeOffset ClaimedAt) : IDomainEvent;
