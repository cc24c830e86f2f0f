using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Modules.Mandates.Domain;

namespace ModularPayments.UnitTests.Mandates;

public sealed class ScheduleTests
{
    [Fact]
    public void A_31st_falls_on_the_last_day_of_shorter_months_and_february_in_and_out_of_leap_years()
    {
        var schedule = Schedule.Monthly(31, new DateOnly(2027, 1, 1));

        Assert.Equal(
            [new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)],
            Enumerable.Range(1, 4).Select(schedule.DueDate));
        Assert.Equal(new DateOnly(2028, 2, 29), schedule.DueDate(14));
    }

    [Fact]
    public void The_last_day_schedule_follows_each_month_length()
    {
        var schedule = Schedule.Monthly(Schedule.LastDayOfMonth, new DateOnly(2026, 11, 30));

        Assert.Equal(
            [new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28)],
            Enumerable.Range(1, 4).Select(schedule.DueDate));
    }

    [Fact]
    public void A_start_after_the_day_of_the_month_starts_billing_next_month()
    {
        var schedule = Schedule.Monthly(5, new DateOnly(2026, 12, 6));

        Assert.Equal(new DateOnly(2027, 1, 5), schedule.DueDate(1));
        Assert.Equal(new DateOnly(2027, 12, 5), schedule.DueDate(12));
    }

    [Fact]
    public void Weekly_periods_fall_on_the_weekday_from_the_start_date()
    {
        var schedule = Schedule.Weekly(DayOfWeek.Monday, new DateOnly(2026, 12, 2)); // a Wednesday

        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 21)], Enumerable.Range(1, 3).Select(schedule.DueDate));
        Assert.Equal(new DateOnly(2026, 12, 2), Schedule.Weekly(DayOfWeek.Wednesday, new DateOnly(2026, 12, 2)).DueDate(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    public void A_day_of_month_outside_1_to_31_is_refused_naming_the_field(int day)
    {
        var refused = Assert.Throws<DomainRuleViolation>(() => Schedule.Monthly(day, new DateOnly(2026, 12, 1)));
        Assert.Equal("schedule.day_of_month", refused.Field);
    }

    [Fact]
    public void The_first_period_on_or_after_a_date_agrees_with_walking_the_schedule()
    {
        Schedule[] schedules =
        [
            Schedule.Monthly(31, new DateOnly(2026, 1, 15)),
            Schedule.Monthly(Schedule.LastDayOfMonth, new DateOnly(2026, 2, 28)),
            Schedule.Monthly(1, new DateOnly(2026, 3, 1)),
            Schedule.Weekly(DayOfWeek.Friday, new DateOnly(2026, 1, 3)),
        ];
        foreach (var schedule in schedules)
        {
            for (var date = new DateOnly(2025, 12, 20); date < new DateOnly(2028, 3, 1); date = date.AddDays(3))
            {
                var expected = 1;
                while (schedule.DueDate(expected) < date)
                {
                    expected++;
                }

                Assert.Equal(expected, schedule.FirstPeriodOnOrAfter(date));
            }
        }
    }

    [Fact]
    public void A_day_starts_at_local_midnight_and_at_one_when_daylight_saving_skips_midnight()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-3)), BillingTimes.StartOfDay(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(-4)), BillingTimes.StartOfDay(new DateOnly(2026, 7, 1)));
        // Chile's clocks go from 00:00 to 01:00 on the first Sunday of September (6 September 2026).
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)), BillingTimes.StartOfDay(new DateOnly(2026, 9, 6)));
    }

    [Fact]
    public void Expected_dates_follow_the_cut_off_business_days_and_payout_delay()
    {
        // Friday 4 September 2026 17:00 local (winter time, -04): after the cut-off, so Monday 7th (summer time, -03) 16:00.
        var requested = new DateTimeOffset(2026, 9, 4, 17, 0, 0, TimeSpan.FromHours(-4));

        var processing = BillingTimes.ExpectedProcessing(requested);
        var final = BillingTimes.ExpectedFinalStatus(processing);

        Assert.Equal(new DateTimeOffset(2026, 9, 7, 16, 0, 0, TimeSpan.FromHours(-3)), processing);
        Assert.Equal(new DateTimeOffset(2026, 9, 9, 16, 0, 0, TimeSpan.FromHours(-3)), final);
        Assert.Equal(final.AddHours(24), BillingTimes.ExpectedPayout(final));
    }

    [Fact]
    public void Final_status_skips_fiestas_patrias()
    {
        // Processed Wednesday 16 September 2026; 18 and 19 are holidays, 17 is a Thursday: two business days later is Monday 21.
        var processing = ChileBankingCalendar.AtCutOff(new DateOnly(2026, 9, 16));

        Assert.Equal(ChileBankingCalendar.AtCutOff(new DateOnly(2026, 9, 21)), BillingTimes.ExpectedFinalStatus(processing));
    }
}
