namespace ModularPayments.Modules.Charges.Contracts;

/// <summary>
/// How another module (Mandates) asks for a charge: the Charges module records it, submits it to Fintoc and follows it
/// to <see cref="ChargeSucceeded"/> or <see cref="ChargeFailed"/>. Nobody else calls Fintoc's charge endpoints.
/// Implemented by Charges.
/// </summary>
public interface IChargeRequests
{
    /// <summary>
    /// Requests the charge <paramref name="chargeId"/> (chosen by the caller, e.g. derived from a billing period).
    /// Idempotent: the same id with the same parameters changes nothing; the same id with other parameters is refused.
    /// Exactly one of <paramref name="paymentMethodId"/> and <paramref name="subscriptionId"/> is given; the amount is in
    /// minor units of <paramref name="currency"/> (CLP has none).
    /// </summary>
    Task RequestAsync(
        Guid chargeId,
        Guid customerId,
        Guid? paymentMethodId,
        string? subscriptionId,
        long amount,
        string currency,
        string? description,
        CancellationToken cancellationToken);
}
