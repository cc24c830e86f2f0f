using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

public sealed record SetupSessionState : AggregateState<SetupSessionState>
{
    public Guid Id { get; init; }

    public SetupSessionStatus Status { get; init; }

    public Guid CustomerId { get; init; }

    public string FintocCustomerId { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    /// <summary>What the merchant asked for (empty: Fintoc's default for the currency).</summary>
    public IReadOnlyList<string> RequestedPaymentMethodTypes { get; init; } = [];

    /// <summary>What Fintoc offers the payer, once it answered; until then the requested types.</summary>
    public IReadOnlyList<string> PaymentMethodTypes { get; init; } = [];

    public string SuccessUrl { get; init; } = string.Empty;

    public string CancelUrl { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public string? FintocCheckoutSessionId { get; init; }

    public string? RedirectUrl { get; init; }

    /// <summary>Whether Fintoc's answer to our create call is recorded (a webhook may have told us its id earlier).</summary>
    public bool IsOpenRecorded { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public Guid? PaymentMethodId { get; init; }

    public string? FintocPaymentMethodId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Status != SetupSessionStatus.None;

    public bool IsFinal => Status is SetupSessionStatus.Finished or SetupSessionStatus.Expired;

    public override SetupSessionState When(IDomainEvent domainEvent) => domainEvent switch
    {
        SetupSessionRequested requested => this with
        {
            Id = requested.SetupSessionId,
            Status = SetupSessionStatus.Requested,
            CustomerId = requested.CustomerId,
            FintocCustomerId = requested.FintocCustomerId,
            Currency = requested.Currency,
            RequestedPaymentMethodTypes = requested.PaymentMethodTypes,
            PaymentMethodTypes = requested.PaymentMethodTypes,
            SuccessUrl = requested.SuccessUrl,
            CancelUrl = requested.CancelUrl,
            Metadata = requested.Metadata,
            CreatedAt = requested.RequestedAt,
            UpdatedAt = requested.RequestedAt,
        },
        SetupSessionOpened opened => this with
        {
            Status = Later(Status, SetupSessionStatus.Open),
            FintocCheckoutSessionId = opened.FintocCheckoutSessionId,
            RedirectUrl = opened.RedirectUrl,
            ExpiresAt = opened.ExpiresAt,
            IsOpenRecorded = true,
            PaymentMethodTypes = opened.PaymentMethodTypes.Count > 0 ? opened.PaymentMethodTypes : PaymentMethodTypes,
            UpdatedAt = Latest(UpdatedAt, opened.OpenedAt),
        },
        SetupSessionFinished finished => this with
        {
            Status = SetupSessionStatus.Finished,
            FintocCheckoutSessionId = finished.FintocCheckoutSessionId,
            PaymentMethodId = finished.PaymentMethodId,
            FintocPaymentMethodId = finished.FintocPaymentMethodId,
            UpdatedAt = Latest(UpdatedAt, finished.FinishedAt),
        },
        SetupSessionExpired expired => this with
        {
            Status = SetupSessionStatus.Expired,
            FintocCheckoutSessionId = expired.FintocCheckoutSessionId,
            UpdatedAt = Latest(UpdatedAt, expired.ExpiredAt),
        },
        _ => this,
    };

    private static SetupSessionStatus Later(SetupSessionStatus current, SetupSessionStatus next) => next > current ? next : current;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
