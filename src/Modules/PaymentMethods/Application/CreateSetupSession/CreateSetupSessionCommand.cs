using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;

/// <summary>
/// Starts saving a payment method for a customer: a Fintoc Checkout Session with <c>flow: setup</c>. With an
/// <paramref name="IdempotencyKey"/>, repeating the same request returns the first session; the same key with
/// different data is refused.
/// </summary>
public sealed record CreateSetupSessionCommand(
    string? CustomerId,
    string? Currency,
    string? SuccessUrl,
    string? CancelUrl,
    IReadOnlyList<string>? PaymentMethodTypes,
    IReadOnlyDictionary<string, string>? Metadata,
    string? IdempotencyKey) : ICommand<CreateSetupSessionResult>;

/// <summary><paramref name="Created"/> is false when an idempotent repeat returned the stored session.</summary>
public sealed record CreateSetupSessionResult(SetupSessionDto Session, bool Created);
