using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.Simulator.Tests;

public sealed class CalendarTests
{
    private readonly ChileBusinessCalendar _calendar = new();

    [Theory]
    [InlineData("2026-09-18", false)] // Fiestas Patrias
    [InlineData("2026-12-25", false)]
    [InlineData("2026-12-08", false)] // Inmaculada Concepción
    [InlineData("2026-11-28", false)] // Saturday
    [InlineData("2026-11-29", false)] // Sunday
    [InlineData("2026-11-27", true)]
    [InlineData("2026-12-09", true)]
    public void Weekends_and_public_holidays_are_not_business_days(string day, bool business)
    {
        Assert.Equal(business, _calendar.IsBusinessDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Four_pm_is_read_in_santiagos_own_offset_summer_and_winter()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 19, 0, 0, TimeSpan.Zero), ChileBusinessCalendar.AtProcessingTime(new DateOnly(2026, 12, 9)));
        Assert.Equal(new DateTimeOffset(2026, 7, 8, 20, 0, 0, TimeSpan.Zero), ChileBusinessCalendar.AtProcessingTime(new DateOnly(2026, 7, 8)));
    }

    [Fact]
    public void A_charge_after_the_cut_off_before_a_holiday_is_processed_the_day_after()
    {
        var mondayEvening = new DateTimeOffset(2026, 12, 7, 20, 30, 0, TimeSpan.Zero); // 17:30 in Santiago, Dec 8 is a holiday

        Assert.Equal(ChileBusinessCalendar.AtProcessingTime(new DateOnly(2026, 12, 9)), _calendar.ProcessingTimeFor(mondayEvening));
    }

    [Fact]
    public void Extra_holidays_from_configuration_are_respected()
    {
        var calendar = new ChileBusinessCalendar([new DateOnly(2026, 12, 9)]);

        Assert.Equal(new DateOnly(2026, 12, 10), calendar.NextBusinessDay(new DateOnly(2026, 12, 7)));
    }
}
