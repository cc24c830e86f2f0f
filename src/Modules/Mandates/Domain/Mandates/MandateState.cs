using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Mandates.Domain.Mandates;

/// <summary>One attempt at one period; <see cref="Outcome"/> is pending, succeeded or failed.</summary>
public sealed record ChargeAttempt(
    int Period,
    int Attempt,
    Guid ChargeId,
    long Amount,
    DateOnly DueDate,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpectedProcessingAt,
    DateTimeOffset ExpectedFinalStatusAt,
    string Outcome,
    string? FailureReason,
    string? Decision,
    DateTimeOffset? SettledAt,
    DateTimeOffset? ExpectedPayoutAt);

public sealed record MandateState : AggregateState<MandateState>
{
    public Guid Id { get; init; }

    public MandateStatus Status { get; init; }

    public MandateCreated? Created { get; init; }

    public Guid CustomerId { get; init; }

    public string Instrument { get; init; } = string.Empty;

    public Guid? PaymentMethodId { get; init; }

    public long Amount { get; init; }

    public string Currency { get; init; } = string.Empty;

    public Schedule? Schedule { get; init; }

    public DunningPolicy Policy { get; init; } = DunningPolicy.Default;

    public string? ReferenceId { get; init; }

    public string? SubscriptionIntentId { get; init; }

    public string? WidgetToken { get; init; }

    public string? SubscriptionId { get; init; }

    public DateTimeOffset? AuthorizedAt { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public DateTimeOffset? EarliestChargeAt { get; init; }

    /// <summary>The period being billed (or next to be billed); 0 before activation.</summary>
    public int NextPeriod { get; init; }

    /// <summary>When the current period's next attempt is due after a retryable failure.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    public IReadOnlyList<ChargeAttempt> Attempts { get; init; } = [];

    /// <summary>The last <see cref="MandateNextChargeScheduled"/> value recorded.</summary>
    public DateTimeOffset? ScheduledNextChargeAt { get; init; }

    public string? StatusReason { get; init; }

    /// <summary>merchant, bank or payment_method once canceled.</summary>
    public string? CanceledBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Status != MandateStatus.None;

    public ChargeAttempt? InFlight => Attempts.LastOrDefault(a => a.Outcome == "pending");

    public int AttemptsIn(int period) => Attempts.Count(a => a.Period == period);

    public override MandateState When(IDomainEvent domainEvent) => domainEvent switch
    {
        MandateCreated created => this with
        {
            Id = created.MandateId,
            Status = MandateStatus.PendingAuthorization,
            Created = created,
            CustomerId = created.CustomerId,
            Instrument = created.Instrument,
            PaymentMethodId = created.PaymentMethodId,
            Amount = created.Amount,
            Currency = created.Currency,
            Schedule = created.Frequency == "weekly"
                ? Schedule.Weekly(Enum.Parse<DayOfWeek>(created.Weekday!, ignoreCase: true), created.StartDate)
                : Schedule.Monthly(created.DayOfMonth, created.StartDate),
            Policy = new DunningPolicy(created.MaxAttempts, created.RetryAfterBusinessDays),
            ReferenceId = created.ReferenceId,
            CreatedAt = created.CreatedAt,
            UpdatedAt = created.CreatedAt,
        },
        MandateAuthorizationStarted started => this with { SubscriptionIntentId = started.SubscriptionIntentId, WidgetToken = started.WidgetToken, UpdatedAt = started.StartedAt },
        MandateAuthorized authorized => this with { SubscriptionId = authorized.SubscriptionId ?? SubscriptionId, AuthorizedAt = authorized.AuthorizedAt, UpdatedAt = authorized.AuthorizedAt },
        MandateAuthorizationFailed failed => this with { Status = MandateStatus.Failed, StatusReason = failed.Reason, UpdatedAt = failed.FailedAt },
        MandateActivated activated => this with
        {
            Status = MandateStatus.Active,
            ActivatedAt = activated.ActivatedAt,
            EarliestChargeAt = activated.EarliestChargeAt,
            NextPeriod = activated.FirstPeriod,
            UpdatedAt = activated.ActivatedAt,
        },
        MandatePaused paused => this with { Status = MandateStatus.Paused, UpdatedAt = paused.PausedAt },
        MandateResumed resumed => this with
        {
            Status = MandateStatus.Active,
            RetryAt = resumed.NextPeriod == NextPeriod ? RetryAt : null,
            NextPeriod = resumed.NextPeriod,
            StatusReason = null,
            UpdatedAt = resumed.ResumedAt,
        },
        MandateCanceled canceled => this with { Status = MandateStatus.Canceled, StatusReason = canceled.Reason, CanceledBy = canceled.Source, RetryAt = null, UpdatedAt = canceled.CanceledAt },
        MandateRevoked revoked => this with { Status = MandateStatus.Revoked, StatusReason = revoked.Reason, RetryAt = null, UpdatedAt = revoked.RevokedAt },
        MandateRequiresAction action => this with { Status = MandateStatus.RequiresAction, StatusReason = action.Reason, UpdatedAt = action.At },
        MandateChargeRequested requested => this with
        {
            Attempts = [.. Attempts, new ChargeAttempt(requested.Period, requested.Attempt, requested.ChargeId, requested.Amount, requested.DueDate, requested.RequestedAt, requested.ExpectedProcessingAt, requested.ExpectedFinalStatusAt, "pending", null, null, null, null)],
            RetryAt = null,
            UpdatedAt = requested.RequestedAt,
        },
        MandateChargeSucceeded succeeded => this with
        {
            Attempts = Settle(succeeded.ChargeId, a => a with { Outcome = "succeeded", SettledAt = succeeded.SucceededAt, ExpectedPayoutAt = succeeded.ExpectedPayoutAt }),
            NextPeriod = Math.Max(NextPeriod, succeeded.Period + 1),
            UpdatedAt = succeeded.SucceededAt,
        },
        MandateChargeFailed failed => this with
        {
            Attempts = Settle(failed.ChargeId, a => a with { Outcome = "failed", FailureReason = failed.Reason, Decision = failed.Decision, SettledAt = failed.FailedAt }),
            RetryAt = failed.RetryAt,
            NextPeriod = failed.Decision is MandateDecisions.GiveUp or MandateDecisions.RequiresAction ? Math.Max(NextPeriod, failed.Period + 1) : NextPeriod,
            UpdatedAt = failed.FailedAt,
        },
        MandateChargeProcessingMoved moved => this with
        {
            Attempts = Settle(moved.ChargeId, a => a with { ExpectedProcessingAt = moved.ExpectedProcessingAt, ExpectedFinalStatusAt = moved.ExpectedFinalStatusAt }),
        },
        MandateNextChargeScheduled scheduled => this with { ScheduledNextChargeAt = scheduled.NextChargeAt },
        _ => this,
    };

    private List<ChargeAttempt> Settle(Guid chargeId, Func<ChargeAttempt, ChargeAttempt> change) =>
        [.. Attempts.Select(a => a.ChargeId == chargeId ? change(a) : a)];
}

public static class MandateDecisions
{
    public const string Retry = "retry";
    public const string GiveUp = "give_up";
    public const string RequiresAction = "requires_action";
    public const string Revoke = "revoke";
    public const string None = "none";
}
