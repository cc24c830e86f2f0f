using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.UnitTests.BuildingBlocks.Calendar;

public sealed class ChileBankingCalendarTests
{
    private static readonly ChileBankingCalendar Calendar = ChileBankingCalendar.Instance;

    [Fact]
    public void The_simulators_table_and_the_rule_based_calendar_agree_on_every_day_of_2025_to_2028()
    {
        var simulator = new ChileBusinessCalendar();
        var disagreements = new List<DateOnly>();
        for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2028, 12, 31); day = day.AddDays(1))
        {
            if (simulator.IsBusinessDay(day) != Calendar.IsBusinessDay(day))
            {
                disagreements.Add(day);
            }
        }

        Assert.Empty(disagreements);
        Assert.Equal(1461, new DateOnly(2028, 12, 31).DayNumber - new DateOnly(2025, 1, 1).DayNumber + 1);
    }

    [Theory]
    [InlineData("2026-12-02T15:59:59-03:00", "2026-12-02T16:00:00-03:00")] // summer time (UTC-3), before the cut-off
    [InlineData("2026-12-02T16:00:00-03:00", "2026-12-03T16:00:00-03:00")] // at 16:00: the next business day
    [InlineData("2026-07-01T15:00:00-04:00", "2026-07-01T16:00:00-04:00")] // winter time (UTC-4)
    [InlineData("2026-12-04T17:00:00-03:00", "2026-12-07T16:00:00-03:00")] // Friday evening: Monday
    [InlineData("2026-12-07T10:00:00-03:00", "2026-12-07T16:00:00-03:00")]
    [InlineData("2026-12-24T18:00:00-03:00", "2026-12-28T16:00:00-03:00")] // Christmas, then the weekend
    [InlineData("2026-12-30T17:00:00-03:00", "2027-01-04T16:00:00-03:00")] // the bank holiday, New Year, the weekend
    [InlineData("2026-04-03T09:00:00-03:00", "2026-04-06T16:00:00-04:00")] // Good Friday; DST ends on Sunday 5 April
    [InlineData("2026-09-04T16:30:00-04:00", "2026-09-07T16:00:00-03:00")] // DST starts on Sunday 6 September
    public void A_charge_is_processed_at_16_00_santiago_time_on_a_business_day(string createdAt, string processedAt)
    {
        Assert.Equal(DateTimeOffset.Parse(processedAt, System.Globalization.CultureInfo.InvariantCulture), Calendar.ProcessingTimeFor(DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Two_business_days_after_a_friday_skip_the_weekend_and_holidays()
    {
        Assert.Equal(new DateOnly(2026, 12, 9), Calendar.AddBusinessDays(new DateOnly(2026, 12, 4), 2)); // Tue 8 is a holiday
        Assert.Equal(new DateOnly(2027, 9, 21), Calendar.AddBusinessDays(new DateOnly(2027, 9, 16), 2));
    }
}
