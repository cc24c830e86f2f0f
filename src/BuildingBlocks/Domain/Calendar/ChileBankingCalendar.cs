using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ModularPayments.BuildingBlocks.Domain.Calendar;

/// <summary>
/// Fintoc's processing days in Chile: Monday to Friday except nationwide holidays and bank holidays; charges created
/// before 16:00 America/Santiago on a business day are processed that day at 16:00, later ones on the next business day
/// (seed 003). Pure: the caller passes every instant in.
/// </summary>
public sealed class ChileBankingCalendar
{
    public static readonly TimeOnly CutOff = new(16, 0);

    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> _closedByYear = new();

    public static ChileBankingCalendar Instance { get; } = new();

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !ClosedDays(day.Year).Contains(day);

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
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var result = day;
        for (var i = 0; i < businessDays; i++)
        {
            result = NextBusinessDay(result);
        }

        return result;
    }

    /// <summary>The day it is in Santiago at <paramref name="instant"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Santiago).DateTime);

    /// <summary>16:00 in Santiago on <paramref name="day"/>, daylight saving included.</summary>
    public static DateTimeOffset AtCutOff(DateOnly day)
    {
        var local = day.ToDateTime(CutOff);
        return new DateTimeOffset(local, Santiago.GetUtcOffset(local));
    }

    /// <summary>When a charge created at <paramref name="createdAt"/> is processed: 16:00 the same business day if before it, else 16:00 on the next.</summary>
    public DateTimeOffset ProcessingTimeFor(DateTimeOffset createdAt)
    {
        var day = LocalDate(createdAt);
        return IsBusinessDay(day) && createdAt < AtCutOff(day) ? AtCutOff(day) : AtCutOff(NextBusinessDay(day));
    }

    private FrozenSet<DateOnly> ClosedDays(int year) =>
        _closedByYear.GetOrAdd(year, y => ChileHolidays.NationwideIn(y).Select(h => h.Date).ToFrozenSet());
}
