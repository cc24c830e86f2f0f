using ModularPayments.Fintoc.Simulator.Time;
using NodaTime;

namespace ModularPayments.Fintoc.Simulator.Tests;

/// <summary>Local Chile times for test scenarios, always in the simulator's future.</summary>
internal static class Santiago
{
    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        ChileBusinessCalendar.TimeZone.AtLeniently(new LocalDateTime(day.Year, day.Month, day.Day, hour, minute)).ToDateTimeOffset();

    /// <summary>A Friday at least a week ahead whose Friday, Monday, Tuesday and Wednesday are all business days.</summary>
    public static DateOnly PlainFriday(DateTimeOffset now, ChileBusinessCalendar calendar)
    {
        var day = ChileBusinessCalendar.LocalDate(now).AddDays(7);
        while (day.DayOfWeek != DayOfWeek.Friday || !new[] { 0, 3, 4, 5 }.All(offset => calendar.IsBusinessDay(day.AddDays(offset))))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
