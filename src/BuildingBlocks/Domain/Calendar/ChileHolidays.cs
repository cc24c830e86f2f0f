namespace ModularPayments.BuildingBlocks.Domain.Calendar;

/// <summary>
/// Chile's holidays for a year, from the rules of the laws that set them, not a typed list: fixed dates (Ley 2.977 and
/// later), Easter-based ones, the winter solstice (Ley 21.357), holidays moved to a Monday (Ley 19.668), the Reformation
/// day moved to a Friday (Ley 20.299), the extra days around 1 January and Fiestas Patrias (Ley 20.983, Código del
/// Trabajo art. 35), national elections (Ley 18.700, Sundays), the bank holiday of 31 December, and regional holidays.
/// </summary>
public static class ChileHolidays
{
    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    /// <summary>Every holiday of <paramref name="year"/> that applies nationwide (national, election and bank), by date.</summary>
    public static IReadOnlyList<Holiday> NationwideIn(int year) =>
        [.. National(year).Concat(Elections(year)).Concat(Bank(year)).OrderBy(h => h.Date)];

    /// <summary>Holidays of one region or city only (they do not stop national payment processing).</summary>
    public static IReadOnlyList<Holiday> RegionalIn(int year) =>
    [
        new(new DateOnly(year, 6, 7), "Asalto y Toma del Morro de Arica", HolidayKind.Regional, "Arica y Parinacota"),
        new(new DateOnly(year, 8, 20), "Nacimiento del Prócer de la Independencia", HolidayKind.Regional, "Chillán y Chillán Viejo"),
    ];

    private static IEnumerable<Holiday> National(int year)
    {
        var easter = Easter.Sunday(year);
        yield return new(new DateOnly(year, 1, 1), "Año Nuevo", HolidayKind.National);
        if (new DateOnly(year, 1, 1).DayOfWeek == DayOfWeek.Sunday)
        {
            yield return new(new DateOnly(year, 1, 2), "Feriado adicional de Año Nuevo (Ley 20.983)", HolidayKind.National);
        }

        yield return new(easter.AddDays(-2), "Viernes Santo", HolidayKind.National);
        yield return new(easter.AddDays(-1), "Sábado Santo", HolidayKind.National);
        yield return new(new DateOnly(year, 5, 1), "Día Nacional del Trabajo", HolidayKind.National);
        yield return new(new DateOnly(year, 5, 21), "Día de las Glorias Navales", HolidayKind.National);
        yield return new(WinterSolsticeDay(year), "Día Nacional de los Pueblos Indígenas", HolidayKind.National);
        yield return new(MovedToMonday(new DateOnly(year, 6, 29)), "San Pedro y San Pablo", HolidayKind.National);
        yield return new(new DateOnly(year, 7, 16), "Día de la Virgen del Carmen", HolidayKind.National);
        yield return new(new DateOnly(year, 8, 15), "Asunción de la Virgen", HolidayKind.National);
        foreach (var holiday in FiestasPatrias(year))
        {
            yield return holiday;
        }

        yield return new(MovedToMonday(new DateOnly(year, 10, 12)), "Encuentro de Dos Mundos", HolidayKind.National);
        yield return new(ReformationDay(year), "Día de las Iglesias Evangélicas y Protestantes", HolidayKind.National);
        yield return new(new DateOnly(year, 11, 1), "Día de Todos los Santos", HolidayKind.National);
        yield return new(new DateOnly(year, 12, 8), "Inmaculada Concepción", HolidayKind.National);
        yield return new(new DateOnly(year, 12, 25), "Navidad", HolidayKind.National);
    }

    private static IEnumerable<Holiday> FiestasPatrias(int year)
    {
        var independence = new DateOnly(year, 9, 18);
        yield return new(independence, "Independencia Nacional", HolidayKind.National);
        yield return new(independence.AddDays(1), "Día de las Glorias del Ejército", HolidayKind.National);
        switch (independence.DayOfWeek)
        {
            case DayOfWeek.Saturday: // 18-19 on a weekend: the Friday before (Ley 20.983)
            case DayOfWeek.Tuesday: // 18-19 on Tuesday-Wednesday: the Monday before (Código del Trabajo art. 35)
                yield return new(independence.AddDays(-1), "Feriado adicional de Fiestas Patrias", HolidayKind.National);
                break;
            case DayOfWeek.Wednesday: // 18-19 on Wednesday-Thursday: the Friday after
                yield return new(independence.AddDays(2), "Feriado adicional de Fiestas Patrias", HolidayKind.National);
                break;
        }
    }

    /// <summary>Ley 19.668: on a Tuesday, Wednesday or Thursday, the Monday before; on a Friday, the Monday after.</summary>
    private static DateOnly MovedToMonday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Tuesday => day.AddDays(-1),
        DayOfWeek.Wednesday => day.AddDays(-2),
        DayOfWeek.Thursday => day.AddDays(-3),
        DayOfWeek.Friday => day.AddDays(3),
        _ => day,
    };

    /// <summary>Ley 20.299: 31 October; on a Tuesday the Friday before, on a Wednesday the Friday after.</summary>
    private static DateOnly ReformationDay(int year)
    {
        var day = new DateOnly(year, 10, 31);
        return day.DayOfWeek switch
        {
            DayOfWeek.Tuesday => day.AddDays(-4),
            DayOfWeek.Wednesday => day.AddDays(2),
            _ => day,
        };
    }

    /// <summary>Ley 21.357: the day of the winter solstice, in Chile's official time.</summary>
    private static DateOnly WinterSolsticeDay(int year) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(JuneSolstice.Of(year), Santiago).DateTime);

    /// <summary>
    /// Ley 18.700: presidential and parliamentary elections on the third Sunday of November every four years (2025,
    /// 2029, ...) with a runoff four weeks later; municipal and regional elections on the last Sunday of October every four
    /// years (2024, 2028, ...). All on Sundays: they never remove a business day, but they are holidays.
    /// </summary>
    private static IEnumerable<Holiday> Elections(int year)
    {
        if ((year - 2025) % 4 == 0)
        {
            var firstRound = NthSunday(year, 11, 3);
            yield return new(firstRound, "Elecciones presidenciales y parlamentarias", HolidayKind.Election);
            yield return new(firstRound.AddDays(28), "Segunda vuelta presidencial", HolidayKind.Election);
        }

        if ((year - 2024) % 4 == 0)
        {
            var lastOfOctober = new DateOnly(year, 10, 31);
            yield return new(lastOfOctober.AddDays(-(int)lastOfOctober.DayOfWeek), "Elecciones municipales y regionales", HolidayKind.Election);
        }
    }

    /// <summary>31 December: banks do not open to the public, so no payment is processed.</summary>
    private static IEnumerable<Holiday> Bank(int year)
    {
        yield return new(new DateOnly(year, 12, 31), "Feriado bancario", HolidayKind.Bank);
    }

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var firstSunday = first.AddDays((7 - (int)first.DayOfWeek) % 7);
        return firstSunday.AddDays(7 * (n - 1));
    }
}
