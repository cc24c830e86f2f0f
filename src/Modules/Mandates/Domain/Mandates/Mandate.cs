using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.Domain.Calendar;

namespace ModularPayments.Modules.Mandates.Domain.Mandates;

/// <summary>
/// A customer's authorization to be charged on a schedule. States only move forward: pending_authorization →
/// active ⇄ paused (or requires_action) → canceled; revoked and failed are final too. One period is billed at a
/// time, one attempt at a time; every attempt and its outcome is recorded, and a charge asked for before the mandate
/// ended is still followed to its end.
/// </summary>
public sealed class Mandate : Aggregate<MandateState>
{
    public const int MaxReferenceIdLength = 15;

    public void Create(MandateCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        if (State.Exists)
        {
            throw new DomainRuleViolation("mandate_already_exists", $"Mandate {State.Id} already exists.");
        }

        if (created.MandateId == Guid.Empty || created.CustomerId == Guid.Empty)
        {
            throw new DomainRuleViolation("invalid_id", "A mandate needs its own id and a customer id.");
        }

        Guard.Against.NotPositive(created.Amount, "amount");
        var currency = Currency.FromCode(created.Currency).Code;
        switch (created.Instrument)
        {
            case Instruments.PaymentMethod when created.PaymentMethodId is null:
                throw new DomainRuleViolation("required", "instrument.payment_method_id is required.", "instrument.payment_method_id");
            case Instruments.PacSubscription when currency != Currency.Clp.Code:
                throw new DomainRuleViolation("unsupported_currency", "PAC subscriptions are charged in CLP only.", "currency");
            case Instruments.PaymentMethod or Instruments.PacSubscription:
                break;
            default:
                throw new DomainRuleViolation("invalid_instrument", "instrument.type is payment_method or pac_subscription.", "instrument.type");
        }

        if (created.MaxAttempts is < 1 or > DunningPolicy.MaxMaxAttempts)
        {
            throw new DomainRuleViolation("invalid_retry_policy", $"retry_policy.max_attempts is 1 to {DunningPolicy.MaxMaxAttempts}.", "retry_policy.max_attempts");
        }

        if (created.RetryAfterBusinessDays is < 1 or > DunningPolicy.MaxRetryAfterBusinessDays)
        {
            throw new DomainRuleViolation("invalid_retry_policy", $"retry_policy.retry_after_business_days is 1 to {DunningPolicy.MaxRetryAfterBusinessDays}.", "retry_policy.retry_after_business_days");
        }

        if (created.ReferenceId is { } reference)
        {
            Guard.Against.TooLong(reference, MaxReferenceIdLength, "reference_id");
        }

        Apply(created with { Currency = currency });
    }

    public Transition StartAuthorization(string subscriptionIntentId, string? widgetToken, DateTimeOffset at)
    {
        EnsureExists();
        Guard.Against.MissingValue(subscriptionIntentId, "subscription_intent_id");
        if (State.SubscriptionIntentId is { } known)
        {
            return known == subscriptionIntentId ? Transition.AlreadyApplied : Transition.Stale;
        }

        if (State.Instrument != Instruments.PacSubscription || State.Status != MandateStatus.PendingAuthorization)
        {
            return Transition.Stale;
        }

        Apply(new MandateAuthorizationStarted(State.Id, subscriptionIntentId, widgetToken, at));
        return Transition.Applied;
    }

    /// <summary><c>subscription_intent.succeeded</c>: the payer authorized; the subscription becomes chargeable when Fintoc activates it.</summary>
    public Transition Authorize(string? subscriptionId, DateTimeOffset at)
    {
        EnsureExists();
        if (State.AuthorizedAt is not null)
        {
            return State.SubscriptionId == subscriptionId || subscriptionId is null ? Transition.AlreadyApplied : Transition.Stale;
        }

        if (State.Status.IsFinal())
        {
            return Transition.Stale;
        }

        Apply(new MandateAuthorized(State.Id, subscriptionId, at));
        return Transition.Applied;
    }

    /// <summary><c>subscription_intent.failed</c> / <c>rejected</c>: final, unless the authorization already succeeded.</summary>
    public Transition FailAuthorization(string reason, DateTimeOffset at)
    {
        EnsureExists();
        if (State.Status == MandateStatus.Failed)
        {
            return Transition.AlreadyApplied;
        }

        if (State.Status != MandateStatus.PendingAuthorization || State.AuthorizedAt is not null)
        {
            return Transition.Stale;
        }

        Apply(new MandateAuthorizationFailed(State.Id, Guard.Against.MissingValue(reason, "reason"), at, State.CustomerId));
        return Transition.Applied;
    }

    /// <summary>
    /// The mandate may be charged. A PAC mandate's first charge is no earlier than 72 hours after the authorization
    /// (seed 003): billing starts with the first period due on or after that day, charged no earlier than that instant.
    /// </summary>
    public Transition Activate(DateTimeOffset at)
    {
        EnsureExists();
        if (State.ActivatedAt is not null)
        {
            return Transition.AlreadyApplied;
        }

        if (State.Status != MandateStatus.PendingAuthorization)
        {
            return Transition.Stale;
        }

        var earliest = State.Instrument == Instruments.PacSubscription
            ? Latest((State.AuthorizedAt ?? at) + BillingTimes.FirstChargeDelay, at)
            : at;
        var firstPeriod = State.Schedule!.FirstPeriodOnOrAfter(ChileBankingCalendar.LocalDate(earliest));
        Apply(new MandateActivated(State.Id, firstPeriod, earliest, at, State.CustomerId));
        Reschedule();
        return Transition.Applied;
    }

    public Transition Pause(DateTimeOffset at)
    {
        EnsureExists();
        if (State.Status == MandateStatus.Paused)
        {
            return Transition.AlreadyApplied;
        }

        if (State.Status != MandateStatus.Active)
        {
            throw new DomainRuleViolation("mandate_not_active", $"The mandate is {State.Status.Name()}; only an active mandate can be paused.");
        }

        Apply(new MandatePaused(State.Id, at));
        Reschedule();
        return Transition.Applied;
    }

    /// <summary>Periods that fell due while paused are skipped; a period still in its retries is kept if it is not past.</summary>
    public Transition Resume(DateTimeOffset at)
    {
        EnsureExists();
        if (State.Status == MandateStatus.Active)
        {
            return Transition.AlreadyApplied;
        }

        if (State.Status is not (MandateStatus.Paused or MandateStatus.RequiresAction))
        {
            throw new DomainRuleViolation("mandate_not_paused", $"The mandate is {State.Status.Name()}; only a paused mandate (or one that requires action) can be resumed.");
        }

        var next = Math.Max(State.NextPeriod, State.Schedule!.FirstPeriodOnOrAfter(ChileBankingCalendar.LocalDate(at)));
        Apply(new MandateResumed(State.Id, next, at));
        Reschedule();
        return Transition.Applied;
    }

    /// <summary>No further charges, retries dropped; a charge already asked for is still followed to its end.</summary>
    public Transition Cancel(string reason, string source, DateTimeOffset at)
    {
        EnsureExists();
        if (State.Status == MandateStatus.Canceled)
        {
            return Transition.AlreadyApplied;
        }

        if (State.Status.IsFinal())
        {
            return Transition.Stale;
        }

        Apply(new MandateCanceled(State.Id, Guard.Against.MissingValue(reason, "reason"), source, at, State.CustomerId));
        Reschedule();
        return Transition.Applied;
    }

    /// <summary>When the next charge is due: null while one is in flight or the mandate is not active.</summary>
    public DateTimeOffset? NextChargeAt()
    {
        if (State.Status != MandateStatus.Active || State.InFlight is not null || State.NextPeriod < 1)
        {
            return null;
        }

        if (State.RetryAt is { } retry)
        {
            return retry;
        }

        var due = BillingTimes.StartOfDay(State.Schedule!.DueDate(State.NextPeriod));
        return State.EarliestChargeAt is { } earliest ? Latest(due, earliest) : due;
    }

    /// <summary>
    /// Records the next attempt if it is due at <paramref name="now"/>; <paramref name="chargeIdFor"/> derives the charge
    /// id from (period, attempt). Returns the attempt recorded, or null when nothing is due.
    /// </summary>
    public MandateChargeRequested? RequestDueCharge(Func<int, int, Guid> chargeIdFor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chargeIdFor);
        EnsureExists();
        if (NextChargeAt() is not { } dueAt || dueAt > now)
        {
            return null;
        }

        var period = State.NextPeriod;
        var attempt = State.AttemptsIn(period) + 1;
        var processing = BillingTimes.ExpectedProcessing(now);
        var requested = new MandateChargeRequested(
            State.Id,
            State.CustomerId,
            period,
            attempt,
            chargeIdFor(period, attempt),
            State.PaymentMethodId,
            State.SubscriptionId,
            State.Amount,
            State.Currency,
            State.Schedule!.DueDate(period),
            now,
            processing,
            BillingTimes.ExpectedFinalStatus(processing));
        Apply(requested);
        Reschedule();
        return requested;
    }

    /// <summary>
    /// Fintoc got one of our attempts' charges at <paramref name="submittedAt"/>: Fintoc processes it at the first cut-off
    /// after that, which is later than expected when the submission waited past a 16:00. Nothing changes otherwise, or
    /// once the attempt is settled.
    /// </summary>
    public Transition RecordChargeSubmission(Guid chargeId, DateTimeOffset submittedAt)
    {
        EnsureExists();
        var attempt = State.Attempts.FirstOrDefault(a => a.ChargeId == chargeId)
            ?? throw new DomainRuleViolation("unknown_mandate_charge", $"Charge {chargeId} was not asked for by mandate {State.Id}.");
        var processing = BillingTimes.ExpectedProcessing(submittedAt);
        if (attempt.Outcome != "pending" || processing <= attempt.ExpectedProcessingAt)
        {
            return Transition.AlreadyApplied;
        }

        Apply(new MandateChargeProcessingMoved(State.Id, attempt.Period, attempt.Attempt, chargeId, submittedAt, processing, BillingTimes.ExpectedFinalStatus(processing)));
        return Transition.Applied;
    }

    /// <summary>
    /// Charges' final word on one of our attempts. Success closes the period; a failure follows the dunning policy
    /// (retry, give up the period, requires_action, revoke). A repeat changes nothing.
    /// </summary>
    public Transition RecordChargeOutcome(Guid chargeId, bool succeeded, string? reason, DateTimeOffset at)
    {
        EnsureExists();
        var attempt = State.Attempts.FirstOrDefault(a => a.ChargeId == chargeId)
            ?? throw new DomainRuleViolation("unknown_mandate_charge", $"Charge {chargeId} was not asked for by mandate {State.Id}.");
        if (attempt.Outcome != "pending")
        {
            return attempt.Outcome == (succeeded ? "succeeded" : "failed") ? Transition.AlreadyApplied : Transition.Stale;
        }

        if (succeeded)
        {
            Apply(new MandateChargeSucceeded(State.Id, attempt.Period, attempt.Attempt, chargeId, at, BillingTimes.ExpectedPayout(at), State.CustomerId));
            Reschedule();
            return Transition.Applied;
        }

        var failure = string.IsNullOrWhiteSpace(reason) ? "unknown" : reason;
        var live = !State.Status.IsFinal() && attempt.Period == State.NextPeriod;
        var decision = live ? State.Policy.Decide(failure, attempt.Attempt) : (DunningDecision?)null;
        if (failure == DunningPolicy.AuthorizationDisabled && State.Status == MandateStatus.Canceled && State.CanceledBy != "merchant")
        {
            // The method's or subscription's cancellation and this failure are one fact told twice, in either order:
            // both orders end revoked.
            decision = DunningDecision.Revoke;
        }

        switch (decision)
        {
            case DunningDecision.Retry:
                Apply(new MandateChargeFailed(State.Id, attempt.Period, attempt.Attempt, chargeId, failure, MandateDecisions.Retry, BillingTimes.RetryAt(at, State.Policy.RetryAfterBusinessDays), at, State.CustomerId));
                break;
            case DunningDecision.GiveUpPeriod:
                Apply(new MandateChargeFailed(State.Id, attempt.Period, attempt.Attempt, chargeId, failure, MandateDecisions.GiveUp, null, at, State.CustomerId));
                break;
            case DunningDecision.RequiresAction:
                Apply(new MandateChargeFailed(State.Id, attempt.Period, attempt.Attempt, chargeId, failure, MandateDecisions.RequiresAction, null, at, State.CustomerId));
                if (State.Status is MandateStatus.Active or MandateStatus.Paused)
                {
                    Apply(new MandateRequiresAction(State.Id, attempt.Period, failure, at));
                }

                break;
            case DunningDecision.Revoke:
                Apply(new MandateChargeFailed(State.Id, attempt.Period, attempt.Attempt, chargeId, failure, MandateDecisions.Revoke, null, at, State.CustomerId));
                Apply(new MandateRevoked(State.Id, failure, at, State.CustomerId));
                break;
            default:
                Apply(new MandateChargeFailed(State.Id, attempt.Period, attempt.Attempt, chargeId, failure, MandateDecisions.None, null, at, State.CustomerId));
                break;
        }

        Reschedule();
        return Transition.Applied;
    }

    private void Reschedule()
    {
        if (NextChargeAt() is var next && next != State.ScheduledNextChargeAt)
        {
            Apply(new MandateNextChargeScheduled(State.Id, next));
        }
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new DomainRuleViolation("unknown_mandate", "No such mandate exists.");
        }
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
