namespace ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

/// <summary>Ordered: a method only ever moves to a later value; Canceled is final.</summary>
public enum PaymentMethodStatus
{
    None,
    Pending,
    Active,
    Canceled,
}
