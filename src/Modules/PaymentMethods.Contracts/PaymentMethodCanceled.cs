namespace ModularPayments.Modules.PaymentMethods.Contracts;

/// <summary>Published once when a payment method becomes unusable for good: stop charging it.</summary>
public sealed record PaymentMethodCanceled(
    Guid PaymentMethodId,
    Guid? CustomerId,
    string FintocPaymentMethodId,
    DateTimeOffset CanceledAt);
