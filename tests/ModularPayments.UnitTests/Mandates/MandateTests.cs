using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.UnitTests.Mandates;

public sealed class MandateTests
{
    private static readonly Guid MandateId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d1");
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d2");
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d3");
    private static readonly TimeSpan Summer = TimeSpan.FromHours(-3);

    private static MandateCreated Created(string instrument = Instruments.PaymentMethod, int day = 1, DateOnly? start = null, long amount = 10_000, int maxAttempts = 3, int retryDays = 2) => new(
        MandateId, CustomerId, instrument, instrument == Instruments.PaymentMethod ? MethodId : null, amount, "CLP",
        "monthly", day, null, start ?? new DateOnly(2026, 12, 1), null, maxAttempts, retryDays, null, new DateTimeOffset(2026, 11, 30, 10, 0, 0, Summer));

    private static Guid ChargeIdFor(int period, int attempt) => new(period, (short)attempt, 0, new byte[8]);

    private static Mandate Active(MandateCreated created, DateTimeOffset activatedAt)
    {
        var mandate = new Mandate();
        mandate.Create(created);
        if (created.Instrument == Instruments.PacSubscription)
        {
            mandate.StartAuthorization("si_1", "si_1_sec_x", created.CreatedAt);
            mandate.Authorize("sub_1", activatedAt);
        }

        mandate.Activate(activatedAt);
        mandate.MarkCommitted(0);
        return mandate;
    }

    [Fact]
    public void A_payment_method_mandate_bills_its_first_period_on_the_due_day()
    {
        var mandate = Active(Created(day: 1), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));

        Assert.Equal(MandateStatus.Active, mandate.State.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Summer), mandate.NextChargeAt());
        Assert.Equal(mandate.NextChargeAt(), mandate.State.ScheduledNextChargeAt);
        Assert.Null(mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 11, 30, 23, 59, 0, Summer)));

        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 0, 1, 0, Summer));

        Assert.NotNull(requested);
        Assert.Equal((1, 1, ChargeIdFor(1, 1)), (requested.Period, requested.Attempt, requested.ChargeId));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, Summer), requested.ExpectedProcessingAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer), requested.ExpectedFinalStatusAt);
        Assert.Null(mandate.NextChargeAt());
        Assert.Null(Assert.IsType<MandateNextChargeScheduled>(mandate.Changes[^1]).NextChargeAt);
        Assert.Null(mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2027, 3, 1, 0, 0, 0, Summer)));
    }

    [Fact]
    public void A_pac_period_due_before_72_hours_after_authorization_moves_to_the_next_due_date()
    {
        // Authorized Tuesday 1 December 10:00; monthly on the 2nd: the 2nd is within 72 hours, so January 2nd is first.
        var mandate = Active(Created(Instruments.PacSubscription, day: 2), new DateTimeOffset(2026, 12, 1, 10, 0, 0, Summer));

        Assert.Equal(2, mandate.State.NextPeriod);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 0, 0, 0, Summer), mandate.NextChargeAt());
    }

    [Fact]
    public void A_pac_period_due_on_the_72nd_hours_day_is_charged_no_earlier_than_that_instant()
    {
        var authorizedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, Summer);
        var mandate = Active(Created(Instruments.PacSubscription, day: 4), authorizedAt);

        Assert.Equal(1, mandate.State.NextPeriod);
        Assert.Equal(authorizedAt.AddHours(72), mandate.NextChargeAt());
        Assert.Null(mandate.RequestDueCharge(ChargeIdFor, authorizedAt.AddHours(71)));
        Assert.NotNull(mandate.RequestDueCharge(ChargeIdFor, authorizedAt.AddHours(72)));
    }

    [Fact]
    public void Insufficient_funds_is_retried_after_business_days_up_to_the_limit_then_the_period_fails_and_the_next_one_is_billed()
    {
        var mandate = Active(Created(amount: 10_991, day: 16, start: new DateOnly(2026, 9, 1), maxAttempts: 3, retryDays: 1), new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.FromHours(-4)));
        var failedAt = new DateTimeOffset(2026, 9, 16, 16, 0, 0, Summer);

        var first = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 9, 16, 0, 5, 0, Summer))!;
        Assert.Equal(Transition.Applied, mandate.RecordChargeOutcome(first.ChargeId, false, DunningPolicy.InsufficientFunds, failedAt));

        // Wednesday 16th + 1 business day = Thursday 17th (18 and 19 are Fiestas Patrias).
        Assert.Equal(BillingTimes.StartOfDay(new DateOnly(2026, 9, 17)), mandate.NextChargeAt());
        var second = mandate.RequestDueCharge(ChargeIdFor, BillingTimes.StartOfDay(new DateOnly(2026, 9, 17)))!;
        Assert.Equal((1, 2), (second.Period, second.Attempt));
        mandate.RecordChargeOutcome(second.ChargeId, false, DunningPolicy.InsufficientFunds, ChileBankingCalendar.AtCutOff(new DateOnly(2026, 9, 17)));
        Assert.Equal(BillingTimes.StartOfDay(new DateOnly(2026, 9, 21)), mandate.NextChargeAt());

        var third = mandate.RequestDueCharge(ChargeIdFor, BillingTimes.StartOfDay(new DateOnly(2026, 9, 21)))!;
        Assert.Equal(3, third.Attempt);
        mandate.RecordChargeOutcome(third.ChargeId, false, DunningPolicy.InsufficientFunds, ChileBankingCalendar.AtCutOff(new DateOnly(2026, 9, 21)));

        Assert.Equal(MandateStatus.Active, mandate.State.Status);
        Assert.Equal(2, mandate.State.NextPeriod);
        Assert.Equal([MandateDecisions.Retry, MandateDecisions.Retry, MandateDecisions.GiveUp], mandate.State.Attempts.Select(a => a.Decision));
        Assert.Equal(BillingTimes.StartOfDay(new DateOnly(2026, 10, 16)), mandate.NextChargeAt());
    }

    [Fact]
    public void An_amount_above_the_authorized_one_needs_the_merchant_and_stops_billing()
    {
        var mandate = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;

        mandate.RecordChargeOutcome(requested.ChargeId, false, DunningPolicy.AboveAuthorizedAmount, new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer));

        Assert.Equal(MandateStatus.RequiresAction, mandate.State.Status);
        Assert.Null(mandate.NextChargeAt());
        Assert.Equal(Transition.Applied, mandate.Resume(new DateTimeOffset(2026, 12, 10, 0, 0, 0, Summer)));
        Assert.Equal(2, mandate.State.NextPeriod);
    }

    [Fact]
    public void A_disabled_authorization_revokes_the_mandate_for_good()
    {
        var mandate = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;

        mandate.RecordChargeOutcome(requested.ChargeId, false, DunningPolicy.AuthorizationDisabled, new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer));

        Assert.Equal(MandateStatus.Revoked, mandate.State.Status);
        Assert.Null(mandate.NextChargeAt());
        Assert.Equal(Transition.Stale, mandate.Cancel("payment_method_canceled", "payment_method", new DateTimeOffset(2026, 12, 3, 16, 0, 1, Summer)));
        Assert.Throws<DomainRuleViolation>(() => mandate.Resume(new DateTimeOffset(2026, 12, 4, 0, 0, 0, Summer)));
    }

    [Fact]
    public void A_canceled_mandate_charges_no_more_but_still_records_the_outcome_of_a_charge_in_flight()
    {
        var mandate = Active(Created(amount: 10_991), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;

        Assert.Equal(Transition.Applied, mandate.Cancel("merchant_request", "merchant", new DateTimeOffset(2026, 12, 1, 2, 0, 0, Summer)));
        mandate.RecordChargeOutcome(requested.ChargeId, false, DunningPolicy.InsufficientFunds, new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer));

        Assert.Equal(MandateStatus.Canceled, mandate.State.Status);
        Assert.Equal(MandateDecisions.None, Assert.Single(mandate.State.Attempts).Decision);
        Assert.Null(mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2027, 6, 1, 0, 0, 0, Summer)));
        Assert.Equal(Transition.AlreadyApplied, mandate.Cancel("again", "merchant", new DateTimeOffset(2026, 12, 5, 0, 0, 0, Summer)));
    }

    [Fact]
    public void A_charge_fintoc_gets_after_the_cut_off_moves_its_expected_dates_to_the_next_business_day()
    {
        var mandate = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 15, 59, 0, Summer))!;
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, Summer), requested.ExpectedProcessingAt);
        mandate.MarkCommitted(0);

        Assert.Equal(Transition.AlreadyApplied, mandate.RecordChargeSubmission(requested.ChargeId, new DateTimeOffset(2026, 12, 1, 15, 59, 30, Summer)));
        Assert.Empty(mandate.Changes);
        Assert.Equal(Transition.Applied, mandate.RecordChargeSubmission(requested.ChargeId, new DateTimeOffset(2026, 12, 1, 16, 0, 30, Summer)));

        var moved = Assert.IsType<MandateChargeProcessingMoved>(Assert.Single(mandate.Changes));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 16, 0, 0, Summer), moved.ExpectedProcessingAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 16, 0, 0, Summer), moved.ExpectedFinalStatusAt);
        Assert.Equal((moved.ExpectedProcessingAt, moved.ExpectedFinalStatusAt), (mandate.State.Attempts[0].ExpectedProcessingAt, mandate.State.Attempts[0].ExpectedFinalStatusAt));
        Assert.Equal(Transition.AlreadyApplied, mandate.RecordChargeSubmission(requested.ChargeId, new DateTimeOffset(2026, 12, 1, 16, 0, 30, Summer)));

        mandate.RecordChargeOutcome(requested.ChargeId, true, null, new DateTimeOffset(2026, 12, 4, 16, 0, 0, Summer));
        Assert.Equal(Transition.AlreadyApplied, mandate.RecordChargeSubmission(requested.ChargeId, new DateTimeOffset(2026, 12, 9, 12, 0, 0, Summer)));
        Assert.Throws<DomainRuleViolation>(() => mandate.RecordChargeSubmission(Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 17, 0, 0, Summer)));
    }

    [Fact]
    public void An_outcome_told_twice_is_applied_once_and_a_contradiction_is_stale()
    {
        var mandate = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var requested = mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;
        var at = new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer);

        Assert.Equal(Transition.Applied, mandate.RecordChargeOutcome(requested.ChargeId, true, null, at));
        Assert.Equal(Transition.AlreadyApplied, mandate.RecordChargeOutcome(requested.ChargeId, true, null, at));
        Assert.Equal(Transition.Stale, mandate.RecordChargeOutcome(requested.ChargeId, false, "insufficient_funds", at));
        Assert.Equal(at.AddHours(24), mandate.State.Attempts[0].ExpectedPayoutAt);
        Assert.Equal(2, mandate.State.NextPeriod);
        Assert.Throws<DomainRuleViolation>(() => mandate.RecordChargeOutcome(Guid.NewGuid(), true, null, at));
    }

    [Fact]
    public void Pausing_skips_the_periods_due_meanwhile_without_losing_the_schedule()
    {
        var mandate = Active(Created(day: 10), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));

        mandate.Pause(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Summer));
        Assert.Null(mandate.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 10, 1, 0, 0, Summer)));
        mandate.Resume(new DateTimeOffset(2027, 2, 1, 0, 0, 0, Summer));

        Assert.Equal(3, mandate.State.NextPeriod);
        Assert.Equal(BillingTimes.StartOfDay(new DateOnly(2027, 2, 10)), mandate.NextChargeAt());
    }

    [Fact]
    public void Authorization_states_only_move_forward()
    {
        var mandate = new Mandate();
        mandate.Create(Created(Instruments.PacSubscription));
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, Summer);

        Assert.Equal(Transition.Applied, mandate.StartAuthorization("si_1", "tok", at));
        Assert.Equal(Transition.AlreadyApplied, mandate.StartAuthorization("si_1", "tok", at));
        Assert.Equal(Transition.Applied, mandate.Authorize("sub_1", at));
        Assert.Equal(Transition.Stale, mandate.FailAuthorization("rejected", at));
        Assert.Equal(Transition.Applied, mandate.Activate(at.AddDays(1)));
        Assert.Equal(Transition.AlreadyApplied, mandate.Activate(at.AddDays(2)));
        Assert.Equal(MandateStatus.Active, mandate.State.Status);

        var failed = new Mandate();
        failed.Create(Created(Instruments.PacSubscription));
        Assert.Equal(Transition.Applied, failed.FailAuthorization("invalid_credentials", at));
        Assert.Equal(Transition.Stale, failed.Activate(at));
        Assert.Equal(MandateStatus.Failed, failed.State.Status);
    }

    [Theory]
    [InlineData(Instruments.PacSubscription, "MXN", 3, 2, "currency")]
    [InlineData(Instruments.PaymentMethod, "CLP", 0, 2, "retry_policy.max_attempts")]
    [InlineData(Instruments.PaymentMethod, "CLP", 3, 0, "retry_policy.retry_after_business_days")]
    [InlineData("card", "CLP", 3, 2, "instrument.type")]
    public void An_invalid_mandate_is_refused_naming_the_field(string instrument, string currency, int maxAttempts, int retryDays, string field)
    {
        var created = Created(instrument == "card" ? Instruments.PaymentMethod : instrument, maxAttempts: maxAttempts, retryDays: retryDays) with { Instrument = instrument, Currency = currency };

        var refused = Assert.Throws<DomainRuleViolation>(() => new Mandate().Create(created));

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void Twelve_monthly_periods_on_the_31st_are_each_requested_once_and_processed_on_business_days()
    {
        var mandate = Active(Created(day: 31, start: new DateOnly(2027, 1, 1)), new DateTimeOffset(2026, 12, 31, 12, 0, 0, Summer));
        var requests = new List<MandateChargeRequested>();

        // Walk a year hour by hour, settling each charge at its expected final-status instant.
        for (var now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, Summer); now < new DateTimeOffset(2028, 1, 1, 0, 0, 0, Summer); now = now.AddHours(1))
        {
            if (mandate.State.InFlight is { } inFlight && inFlight.ExpectedFinalStatusAt <= now)
            {
                mandate.RecordChargeOutcome(inFlight.ChargeId, true, null, now);
            }

            if (mandate.RequestDueCharge(ChargeIdFor, now) is { } requested)
            {
                requests.Add(requested);
            }
        }

        Assert.Equal(Enumerable.Range(1, 12), requests.Select(r => r.Period));
        Assert.All(requests, r => Assert.Equal(1, r.Attempt));
        Assert.Equal(new DateOnly(2027, 2, 28), requests[1].DueDate);
        Assert.All(requests, r =>
        {
            var local = ChileBankingCalendar.LocalDate(r.ExpectedProcessingAt);
            Assert.True(ChileBankingCalendar.Instance.IsBusinessDay(local), $"{local} is not a business day");
            Assert.Equal(ChileBankingCalendar.AtCutOff(local), r.ExpectedProcessingAt);
            Assert.True(r.RequestedAt < r.ExpectedProcessingAt);
        });
    }

    [Fact]
    public void A_disabled_authorization_ends_revoked_whether_the_method_cancellation_came_first_or_second()
    {
        var at = new DateTimeOffset(2026, 12, 3, 16, 0, 0, Summer);
        var methodFirst = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var first = methodFirst.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;
        methodFirst.Cancel("payment_method_canceled", "payment_method", at);
        methodFirst.RecordChargeOutcome(first.ChargeId, false, DunningPolicy.AuthorizationDisabled, at);

        var chargeFirst = Active(Created(), new DateTimeOffset(2026, 11, 30, 11, 0, 0, Summer));
        var second = chargeFirst.RequestDueCharge(ChargeIdFor, new DateTimeOffset(2026, 12, 1, 1, 0, 0, Summer))!;
        chargeFirst.RecordChargeOutcome(second.ChargeId, false, DunningPolicy.AuthorizationDisabled, at);
        chargeFirst.Cancel("payment_method_canceled", "payment_method", at);

        Assert.Equal(MandateStatus.Revoked, methodFirst.State.Status);
        Assert.Equal(MandateStatus.Revoked, chargeFirst.State.Status);
    }
}
