namespace ModularPayments.Modules.PaymentMethods.Contracts;

/// <summary>
/// Published once when a saved payment method becomes usable for charges. <paramref name="CustomerId"/> is null when
/// Fintoc activated the method before its setup session finished and the customer was not yet known.
/// </summary>
public sealed record PaymentMethodActivated(
    Guid PaymentMethodId,
    Guid? CustomerId,
    string FintocPaymentMethodId,
    string Type,
    DateTimeOffset ActivatedAt);
