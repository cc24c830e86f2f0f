namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>
/// What Fintoc says about the object it made for a charge (from its API answer or a webhook). <see cref="Status"/> is
/// Fintoc's word: created, pending, in_progress, succeeded, failed, rejected, expired… Null fields were not sent.
/// </summary>
public sealed record FintocChargeFacts(
    string FintocId,
    string? Status,
    long? Amount,
    string? Currency,
    string? FintocCustomerId,
    string? FintocPaymentMethodId,
    string? SubscriptionId,
    string? FailureReason)
{
    public const string Succeeded = "succeeded";

    /// <summary>Fintoc's final failure statuses: the charge fails with Fintoc's reason, else with the status itself.</summary>
    public static IReadOnlyList<string> FailedStatuses { get; } = ["failed", "rejected", "expired"];
}
