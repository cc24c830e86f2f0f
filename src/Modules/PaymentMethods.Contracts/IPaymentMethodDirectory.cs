namespace ModularPayments.Modules.PaymentMethods.Contracts;

/// <summary>
/// A saved payment method as other modules may see it. <c>Status</c> is <c>pending</c>, <c>active</c> or
/// <c>canceled</c>; <c>Type</c> is <c>pac</c>, <c>card</c> or <c>direct_debit</c> (null until Fintoc says);
/// <c>Currency</c> is the one of the setup session that saved it (null when that session is not known yet).
/// </summary>
public sealed record PublishedPaymentMethod(
    Guid PaymentMethodId,
    Guid? CustomerId,
    string FintocPaymentMethodId,
    string? FintocCustomerId,
    string? Type,
    string Status,
    string? Currency);

/// <summary>
/// The PaymentMethods module's answer to "may I charge this method?", read from the method's own stream (not a read
/// model), so a method activated or canceled a moment ago is seen as such. Implemented by PaymentMethods.
/// </summary>
public interface IPaymentMethodDirectory
{
    /// <summary>The method, or null when no such method was ever recorded.</summary>
    Task<PublishedPaymentMethod?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken);
}
