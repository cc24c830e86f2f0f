using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

/// <summary>The method was saved by one of our setup sessions: it now has a session and (usually) a customer.</summary>
[EventType("payment_methods.payment_method_recorded.v1")]
public sealed record PaymentMethodRecorded(
    Guid PaymentMethodId,
    string FintocPaymentMethodId,
    Guid SetupSessionId,
    Guid CustomerId,
    string? FintocCustomerId,
    DateTimeOffset RecordedAt) : IDomainEvent;

/// <summary>
/// Fintoc says the method is usable. Only the last four digits of an account or card number are ever kept.
/// </summary>
[EventType("payment_methods.payment_method_activated.v1")]
public sealed record PaymentMethodActivated(
    Guid PaymentMethodId,
    string FintocPaymentMethodId,
    string Type,
    Guid? CustomerId,
    string? FintocCustomerId,
    string? InstitutionId,
    string? InstitutionName,
    string? InstitutionCountry,
    string? AccountType,
    string? AccountLast4,
    string? CardBrand,
    string? CardLast4,
    DateTimeOffset ActivatedAt) : IDomainEvent;

[EventType("payment_methods.payment_method_canceled.v1")]
public sealed record PaymentMethodCanceled(
    Guid PaymentMethodId,
    string FintocPaymentMethodId,
    Guid? CustomerId,
    string? FintocCustomerId,
    DateTimeOffset CanceledAt) : IDomainEvent;
