using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.RequestCharge;

/// <summary>
/// Charges a customer's saved payment method (a Payment Intent) or PAC subscription (a v1 charge). With an
/// <paramref name="IdempotencyKey"/> (or a caller-chosen <paramref name="ChargeId"/>), repeating the same request returns
/// the first answer; the same key with different data is refused.
/// </summary>
public sealed record RequestChargeCommand(
    string? CustomerId,
    string? PaymentMethodId,
    string? SubscriptionId,
    long? Amount,
    string? Currency,
    string? Description,
    IReadOnlyDictionary<string, string>? Metadata,
    string? IdempotencyKey,
    Guid? ChargeId = null) : ICommand<RequestChargeResult>;

/// <summary><paramref name="Created"/> is false when an idempotent repeat returned the stored request.</summary>
public sealed record RequestChargeResult(ChargeDto Charge, bool Created);
