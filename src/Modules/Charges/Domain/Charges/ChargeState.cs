using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Domain.Charges;

public sealed record ChargeState : AggregateState<ChargeState>
{
    public Guid Id { get; init; }

    public ChargeStatus Status { get; init; }

    /// <summary>The request as it was recorded: the idempotent replay of <c>POST /v1/charges</c> is built from it alone.</summary>
    public ChargeRequested? Requested { get; init; }

    public string Kind { get; init; } = string.Empty;

    public Guid CustomerId { get; init; }

    public Guid? PaymentMethodId { get; init; }

    public string? SubscriptionId { get; init; }

    public string? FintocCustomerId { get; init; }

    public string? FintocPaymentMethodId { get; init; }

    public long Amount { get; init; }

    public string Currency { get; init; } = string.Empty;

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public string? IdempotencyKey { get; init; }

    /// <summary>Fintoc's payment intent (<c>pi_</c>) or v1 charge (<c>ch_</c>) id, once known.</summary>
    public string? FintocId { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>The latest mismatch found; null while Fintoc's object matches what we asked.</summary>
    public ChargeMismatchDetected? Mismatch { get; init; }

    public IReadOnlyList<string> MismatchDetails { get; init; } = [];

    public int FailedSubmissionAttempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? SettledAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Status != ChargeStatus.None;

    public bool IsFinal => Status is ChargeStatus.Succeeded or ChargeStatus.Failed;

    public override ChargeState When(IDomainEvent domainEvent) => domainEvent switch
    {
        ChargeRequested requested => this with
        {
            Id = requested.ChargeId,
            Status = ChargeStatus.Pending,
            Requested = requested,
            Kind = requested.Kind,
            CustomerId = requested.CustomerId,
            PaymentMethodId = requested.PaymentMethodId,
            SubscriptionId = requested.SubscriptionId,
            FintocCustomerId = requested.FintocCustomerId,
            FintocPaymentMethodId = requested.FintocPaymentMethodId,
            Amount = requested.Amount,
            Currency = requested.Currency,
            Description = requested.Description,
            Metadata = requested.Metadata,
            IdempotencyKey = requested.IdempotencyKey,
            CreatedAt = requested.RequestedAt,
            UpdatedAt = requested.RequestedAt,
        },
        ChargeSubmitted submitted => this with
        {
            FintocId = submitted.FintocId,
            SubmittedAt = submitted.SubmittedAt,
            UpdatedAt = Latest(UpdatedAt, submitted.SubmittedAt),
        },
        ChargeSubmissionAttemptFailed failedAttempt => this with
        {
            FailedSubmissionAttempts = FailedSubmissionAttempts + 1,
            UpdatedAt = Latest(UpdatedAt, failedAttempt.FailedAt),
        },
        ChargeSucceeded succeeded => this with
        {
            Status = ChargeStatus.Succeeded,
            FintocId = succeeded.FintocId,
            SettledAt = succeeded.SucceededAt,
            UpdatedAt = Latest(UpdatedAt, succeeded.SucceededAt),
        },
        ChargeFailed failed => this with
        {
            Status = ChargeStatus.Failed,
            FintocId = failed.FintocId ?? FintocId,
            FailureReason = failed.Reason,
            SettledAt = failed.FailedAt,
            UpdatedAt = Latest(UpdatedAt, failed.FailedAt),
        },
        ChargeMismatchDetected mismatch => this with
        {
            Mismatch = mismatch,
            MismatchDetails = [.. MismatchDetails, mismatch.Detail],
            UpdatedAt = Latest(UpdatedAt, mismatch.DetectedAt),
        },
        ChargeUpdateIgnored ignored => this with { UpdatedAt = Latest(UpdatedAt, ignored.IgnoredAt) },
        _ => this,
    };

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
