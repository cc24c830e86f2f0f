using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

/// <summary>Our intent, recorded before Fintoc is called: a crash after it is resumed, not lost.</summary>
[EventType("payment_methods.setup_session_requested.v1")]
public sealed record SetupSessionRequested(
    Guid SetupSessionId,
    Guid CustomerId,
    string FintocCustomerId,
    string Currency,
    IReadOnlyList<string> PaymentMethodTypes,
    string SuccessUrl,
    string CancelUrl,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset RequestedAt) : IDomainEvent;

/// <summary>Fintoc created its checkout session: the payer can be sent to <paramref name="RedirectUrl"/>.</summary>
[EventType("payment_methods.setup_session_opened.v1")]
public sealed record SetupSessionOpened(
    Guid SetupSessionId,
    string FintocCheckoutSessionId,
    string? RedirectUrl,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> PaymentMethodTypes,
    DateTimeOffset OpenedAt) : IDomainEvent;

[EventType("payment_methods.setup_session_finished.v1")]
public sealed record SetupSessionFinished(
    Guid SetupSessionId,
    string FintocCheckoutSessionId,
    Guid PaymentMethodId,
    string FintocPaymentMethodId,
    DateTimeOffset FinishedAt) : IDomainEvent;

[EventType("payment_methods.setup_session_expired.v1")]
public sealed record SetupSessionExpired(Guid SetupSessionId, string FintocCheckoutSessionId, DateTimeOffset ExpiredAt) : IDomainEvent;

/// <summary>One stream per Fintoc checkout session id, claimed with "no stream": Fintoc's id leads to ours.</summary>
[EventType("payment_methods.fintoc_checkout_session_claimed.v1")]
public sealed record FintocCheckoutSessionClaimed(string FintocCheckoutSessionId, Guid SetupSessionId, DateTimeOffset ClaimedAt) : IDomainEvent;
