using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Mandates.Domain;

public enum ScheduleFrequency
{
    Monthly,
    Weekly,
}

/// <summary>
/// When a mandate's billing periods fall due, as local dates in America/Santiago. Monthly on a day of the month
/// (1..31; a day the month lacks is its last day, so a 31st is 28 or 29 February) or on the last day
/// (<see cref="LastDayOfMonth"/>); weekly on a weekday. Period 1 is the first due date on or after
/// <see cref="StartDate"/>; period n follows n-1 by one month or one week.
/// </summary>
public sealed record Schedule
{
    /// <summary>The day-of-month value that means "the month's last day".</summary>
    public const int LastDayOfMonth = 0;

    private Schedule(ScheduleFrequency frequency, int dayOfMonth, DayOfWeek weekday, DateOnly startDate)
    {
        Frequency = frequency;
        DayOfMonth = dayOfMonth;
        Weekday = weekday;
        StartDate = startDate;
    }

    public ScheduleFrequency Frequency { get; }

    /// <summary>1..31, or <see cref="LastDayOfMonth"/>; only for monthly schedules.</summary>
    public int DayOfMonth { get; }

    /// <summary>Only for weekly schedules.</summary>
    public DayOfWeek Weekday { get; }

    public DateOnly StartDate { get; }

    public static Schedule Monthly(int dayOfMonth, DateOnly startDate) =>
        dayOfMonth is < LastDayOfMonth or > 31
            ? throw new DomainRuleViolation("invalid_schedule", "schedule.day_of_month is 1 to 31 or \"last\".", "schedule.day_of_month")
            : new Schedule(ScheduleFrequency.Monthly, dayOfMonth, DayOfWeek.Sunday, startDate);

    public static Schedule Weekly(DayOfWeek weekday, DateOnly startDate) =>
        Enum.IsDefined(weekday)
            ? new Schedule(ScheduleFrequency.Weekly, LastDayOfMonth, weekday, startDate)
            : throw new DomainRuleViolation("invalid_schedule", "schedule.weekday is monday to sunday.", "schedule.weekday");

    /// <summary>The local due date of period <paramref name="period"/> (1-based).</summary>
    public DateOnly DueDate(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (Frequency == ScheduleFrequency.Weekly)
        {
            var first = StartDate.AddDays(((int)Weekday - (int)StartDate.DayOfWeek + 7) % 7);
            return first.AddDays(7 * (period - 1));
        }

        var firstMonth = new DateOnly(StartDate.Year, StartDate.Month, 1);
        if (InMonth(firstMonth) < StartDate)
        {
            firstMonth = firstMonth.AddMonths(1);
        }

        return InMonth(firstMonth.AddMonths(period - 1));
    }

    /// <summary>The first period whose due date is on or after <paramref name="date"/>.</summary>
    public int FirstPeriodOnOrAfter(DateOnly date)
    {
        if (date <= StartDate)
        {
            return 1;
        }

        // An estimate from the distance, then corrected: at most a step or two either way.
        var days = date.DayNumber - StartDate.DayNumber;
        var period = Math.Max(1, Frequency == ScheduleFrequency.Weekly ? days / 7 : days / 31);
        while (period > 1 && DueDate(period - 1) >= date)
        {
            period--;
        }

        while (DueDate(period) < date)
        {
            period++;
        }

        return period;
    }

    public string Describe() => Frequency == ScheduleFrequency.Weekly
        ? $"weekly on {Weekday.ToString().ToLowerInvariant()} from {StartDate:yyyy-MM-dd}"
        : $"monthly on day {(DayOfMonth == LastDayOfMonth ? "last" : DayOfMonth.ToString(System.Globalization.CultureInfo.InvariantCulture))} from {StartDate:yyyy-MM-dd}";

    private DateOnly InMonth(DateOnly firstOfMonth)
    {
        var length = DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month);
        var day = DayOfMonth == LastDayOfMonth ? length : Math.Min(DayOfMonth, length);
        return new DateOnly(firstOfMonth.Year, firstOfMonth.Month, day);
    }
}
