namespace ModularPayments.Modules.Charges.Contracts;

/// <summary>
/// Published once when a charge ends without money moving: Fintoc's <c>error_reason</c> / <c>failure_code</c>
/// (e.g. <c>insufficient_funds</c>), or the code Fintoc refused our request with.
/// </summary>
public sealed record ChargeFailed(
    Guid ChargeId,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    string? FintocId,
    string Reason,
    DateTimeOffset FailedAt);
