using NodaTime;

namespace ModularPayments.Fintoc.Simulator.Time;

/// <summary>Chile's business days (weekends and public holidays excluded) and the 16:00 America/Santiago cut-off.</summary>
public sealed class ChileBusinessCalendar
{
    public static readonly LocalTime ProcessingTime = new(16, 0);

    private static readonly DateTimeZone Santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];

    // Feriados legales 2025-2028 as published (Ley 2.977 and later laws; movable ones as they fall each year), plus the
    // bank holiday of 31 December, when banks do not process payments. A plain table on purpose: it is the independent
    // reference the product's rule-based calendar is tested against.
    private static readonly HashSet<DateOnly> PublicHolidays =
    [
        .. Dates(2025, "01-01", "04-18", "04-19", "05-01", "05-21", "06-20", "06-29", "07-16", "08-15", "09-18", "09-19", "10-12", "10-31", "11-01", "11-16", "12-08", "12-14", "12-25", "12-31"),
        .. Dates(2026, "01-01", "04-03", "04-04", "05-01", "05-21", "06-21", "06-29", "07-16", "08-15", "09-18", "09-19", "10-12", "10-31", "11-01", "12-08", "12-25", "12-31"),
        .. Dates(2027, "01-01", "03-26", "03-27", "05-01", "05-21", "06-21", "06-28", "07-16", "08-15", "09-17", "09-18", "09-19", "10-11", "10-31", "11-01", "12-08", "12-25", "12-31"),
        .. Dates(2028, "01-01", "04-14", "04-15", "05-01", "05-21", "06-20", "06-26", "07-16", "08-15", "09-18", "09-19", "10-09", "10-27", "10-29", "11-01", "12-08", "12-25", "12-31"),
    ];

    private readonly HashSet<DateOnly> _holidays;

    public ChileBusinessCalendar(IEnumerable<DateOnly>? extraHolidays = null)
    {
        _holidays = [.. PublicHolidays, .. extraHolidays ?? []];
    }

    public static DateTimeZone TimeZone => Santiago;

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    public static DateOnly LocalDate(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Santiago).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    public static LocalDateTime LocalDateTime(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Santiago).LocalDateTime;

    /// <summary>16:00 in Santiago on that day, as an instant (daylight-saving aware).</summary>
    public static DateTimeOffset AtProcessingTime(DateOnly day) =>
        Santiago.AtLeniently(new LocalDate(day.Year, day.Month, day.Day).At(ProcessingTime)).ToDateTimeOffset();

    public DateOnly NextBusinessDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (!IsBusinessDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    public DateOnly AddBusinessDays(DateOnly day, int businessDays)
    {
        var result = day;
        for (var i = 0; i < businessDays; i++)
        {
            result = NextBusinessDay(result);
        }

        return result;
    }

    /// <summary>
    /// When a charge created at <paramref name="createdAt"/> is processed (seed 003): 16:00 Chile time the same day if
    /// that is a business day and it is before 16:00, else 16:00 on the next business day.
    /// </summary>
    public DateTimeOffset ProcessingTimeFor(DateTimeOffset createdAt)
    {
        var day = LocalDate(createdAt);
        if (IsBusinessDay(day) && createdAt < AtProcessingTime(day))
        {
            return AtProcessingTime(day);
        }

        return AtProcessingTime(NextBusinessDay(day));
    }

    /// <summary>The same local time <paramref name="businessDays"/> business days later (16:00 when it falls on a cut-off).</summary>
    public DateTimeOffset AfterBusinessDays(DateTimeOffset from, int businessDays)
    {
        if (businessDays == 0)
        {
            return from;
        }

        var local = LocalDateTime(from);
        var day = AddBusinessDays(LocalDate(from), businessDays);
        return Santiago.AtLeniently(new LocalDate(day.Year, day.Month, day.Day).At(local.TimeOfDay)).ToDateTimeOffset();
    }

    private static IEnumerable<DateOnly> Dates(int year, params string[] monthDays) =>
        monthDays.Select(monthDay => new DateOnly(year, int.Parse(monthDay[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(monthDay[3..], System.Globalization.CultureInfo.InvariantCulture)));
}
