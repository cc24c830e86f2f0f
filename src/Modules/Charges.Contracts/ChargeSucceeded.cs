namespace ModularPayments.Modules.Charges.Contracts;

/// <summary>
/// Published once when Fintoc confirms a charge. Exactly one of <paramref name="PaymentMethodId"/> (a Payment Intent on
/// a saved method) and <paramref name="SubscriptionId"/> (a v1 PAC subscription charge) is set; amounts are minor units.
/// </summary>
public sealed record ChargeSucceeded(
    Guid ChargeId,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    string? FintocId,
    DateTimeOffset SucceededAt);
