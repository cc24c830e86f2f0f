using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application;

/// <summary>The Charges module's view of Fintoc: Payment Intents on saved methods and v1 subscription charges.</summary>
public interface IChargeGateway
{
    /// <summary>
    /// Creates Fintoc's object for the charge with an Idempotency-Key derived from <see cref="ChargeSubmission.ChargeId"/>,
    /// so a retry after a timeout or a crash finds the first object. A refusal about the request is a
    /// <see cref="ChargeRefusedException"/>; an outage or a timeout is any other exception (try again later).
    /// </summary>
    Task<FintocChargeSnapshot> SubmitAsync(ChargeSubmission submission, CancellationToken cancellationToken);

    /// <summary>Re-reads the object (<paramref name="kind"/> says which endpoint).</summary>
    Task<FintocChargeSnapshot> GetAsync(string kind, string fintocId, CancellationToken cancellationToken);
}

public sealed record ChargeSubmission(
    Guid ChargeId,
    string Kind,
    long Amount,
    string Currency,
    string? FintocCustomerId,
    string? FintocPaymentMethodId,
    string? SubscriptionId,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>A Fintoc payment intent or v1 charge as this module needs it; <see cref="ChargeReference"/> is <c>mp_charge_id</c>.</summary>
public sealed record FintocChargeSnapshot(
    string FintocId,
    string? Status,
    long? Amount,
    string? Currency,
    string? FintocCustomerId,
    string? FintocPaymentMethodId,
    string? SubscriptionId,
    string? FailureReason,
    string? ChargeReference)
{
    public FintocChargeFacts ToFacts() => new(FintocId, Status, Amount, Currency, FintocCustomerId, FintocPaymentMethodId, SubscriptionId, FailureReason);
}

/// <summary>Fintoc refused the create call for a reason about the request (<see cref="Code"/> is Fintoc's): never retried.</summary>
public sealed class ChargeRefusedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
