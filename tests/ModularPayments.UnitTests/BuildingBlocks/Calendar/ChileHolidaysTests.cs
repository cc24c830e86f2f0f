using System.Globalization;
using ModularPayments.BuildingBlocks.Domain.Calendar;

namespace ModularPayments.UnitTests.BuildingBlocks.Calendar;

/// <summary>The rule-based calendar against Chile's official holiday lists (feriados legales) for 2025-2027.</summary>
public sealed class ChileHolidaysTests
{
    public static TheoryData<int, string[]> OfficialHolidays => new()
    {
        {
            2025,
            [
                "01-01", "04-18", "04-19", "05-01", "05-21", "06-20", "06-29", "07-16", "08-15", "09-18", "09-19", "10-12",
                "10-31", "11-01", "11-16", "12-08", "12-14", "12-25",
            ]
        },
        {
            2026,
            ["01-01", "04-03", "04-04", "05-01", "05-21", "06-21", "06-29", "07-16", "08-15", "09-18", "09-19", "10-12", "10-31", "11-01", "12-08", "12-25"]
        },
        {
            2027,
            [
                "01-01", "03-26", "03-27", "05-01", "05-21", "06-21", "06-28", "07-16", "08-15", "09-17", "09-18", "09-19",
                "10-11", "10-31", "11-01", "12-08", "12-25",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(OfficialHolidays))]
    public void Every_official_holiday_and_no_other_day_is_a_nationwide_holiday(int year, string[] official)
    {
        var expected = official.Select(day => DateOnly.ParseExact($"{year}-{day}", "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        var computed = ChileHolidays.NationwideIn(year).Where(h => h.Kind != HolidayKind.Bank).Select(h => h.Date).ToList();

        Assert.Equal(expected, computed);
    }

    [Theory]
    [InlineData(2025, "04-20")]
    [InlineData(2026, "04-05")]
    [InlineData(2027, "03-28")]
    [InlineData(2028, "04-16")]
    [InlineData(2038, "04-25")]
    [InlineData(2285, "03-22")]
    public void Easter_sunday(int year, string date) =>
        Assert.Equal(DateOnly.ParseExact($"{year}-{date}", "yyyy-MM-dd", CultureInfo.InvariantCulture), Easter.Sunday(year));

    [Theory]
    [InlineData(2025, "2025-06-21T02:42Z")]
    [InlineData(2026, "2026-06-21T08:24Z")]
    [InlineData(2027, "2027-06-21T14:11Z")]
    [InlineData(2028, "2028-06-20T20:02Z")]
    public void The_june_solstice_is_within_two_minutes_of_the_published_instant(int year, string published)
    {
        var expected = DateTimeOffset.Parse(published, CultureInfo.InvariantCulture);

        var computed = JuneSolstice.Of(year);

        Assert.InRange((computed - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData(2025, "06-20")] // 02:42 UTC on the 21st is still the 20th in Chile (UTC-4)
    [InlineData(2026, "06-21")]
    [InlineData(2028, "06-20")]
    public void The_indigenous_peoples_day_is_the_solstice_day_in_chiles_time(int year, string date)
    {
        var day = ChileHolidays.NationwideIn(year).Single(h => h.Name == "Día Nacional de los Pueblos Indígenas").Date;

        Assert.Equal(DateOnly.ParseExact($"{year}-{date}", "yyyy-MM-dd", CultureInfo.InvariantCulture), day);
    }

    [Theory]
    [InlineData(2027, "06-28", "San Pedro y San Pablo")] // Tuesday 29: the Monday before
    [InlineData(2028, "06-26", "San Pedro y San Pablo")] // Thursday 29: the Monday before
    [InlineData(2029, "07-02", "San Pedro y San Pablo")] // Friday 29: the Monday after
    [InlineData(2028, "10-09", "Encuentro de Dos Mundos")] // Thursday 12: the Monday before
    [InlineData(2028, "10-27", "Día de las Iglesias Evangélicas y Protestantes")] // Tuesday 31: the Friday before
    [InlineData(2029, "11-02", "Día de las Iglesias Evangélicas y Protestantes")] // Wednesday 31: the Friday after
    public void Moved_holidays_follow_their_laws(int year, string date, string name)
    {
        var day = ChileHolidays.NationwideIn(year).Single(h => h.Name == name).Date;

        Assert.Equal(DateOnly.ParseExact($"{year}-{date}", "yyyy-MM-dd", CultureInfo.InvariantCulture), day);
    }

    [Theory]
    [InlineData(2023, "01-02")] // 1 January on a Sunday
    [InlineData(2021, "09-17")] // 18-19 on Saturday-Sunday
    [InlineData(2024, "09-20")] // 18-19 on Wednesday-Thursday
    [InlineData(2029, "09-17")] // 18-19 on Tuesday-Wednesday
    public void Extra_days_around_new_year_and_fiestas_patrias(int year, string date)
    {
        var expected = DateOnly.ParseExact($"{year}-{date}", "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Contains(ChileHolidays.NationwideIn(year), h => h.Date == expected && h.Name.StartsWith("Feriado adicional", StringComparison.Ordinal));
    }

    [Fact]
    public void Elections_fall_on_sundays_and_the_bank_holiday_closes_the_year()
    {
        var elections = Enumerable.Range(2024, 8).SelectMany(ChileHolidays.NationwideIn).Where(h => h.Kind == HolidayKind.Election).ToList();

        Assert.Contains(elections, h => h.Date == new DateOnly(2028, 10, 29));
        Assert.Contains(elections, h => h.Date == new DateOnly(2029, 11, 18));
        Assert.All(elections, h => Assert.Equal(DayOfWeek.Sunday, h.Date.DayOfWeek));
        Assert.All(Enumerable.Range(2025, 4), year => Assert.Contains(ChileHolidays.NationwideIn(year), h => h.Kind == HolidayKind.Bank && h.Date == new DateOnly(year, 12, 31)));
        Assert.All(ChileHolidays.RegionalIn(2026), h => Assert.NotNull(h.Region));
    }
}
