namespace ModularPayments.BuildingBlocks.Domain.Calendar;

/// <summary>
/// The instant of the June (southern winter) solstice, by Meeus, "Astronomical Algorithms", chapter 27: the mean
/// solstice for years 2000-3000 corrected by the 24 periodic terms (error about a minute). Chile's Día Nacional de los
/// Pueblos Indígenas (Ley 21.357) is the day of the winter solstice, so its date depends on this instant in Chile's time.
/// </summary>
public static class JuneSolstice
{
    private static readonly (double A, double B, double C)[] PeriodicTerms =
    [
        (485, 324.96, 1934.136), (203, 337.23, 32964.467), (199, 342.08, 20.186), (182, 27.85, 445267.112),
        (156, 73.14, 45036.886), (136, 171.52, 22518.443), (77, 222.54, 65928.934), (74, 296.72, 3034.906),
        (70, 243.58, 9037.513), (58, 119.81, 33718.147), (52, 297.17, 150.678), (50, 21.02, 2281.226),
        (45, 247.54, 29929.562), (44, 325.15, 31555.956), (29, 60.93, 4443.417), (18, 155.12, 67555.328),
        (17, 288.79, 4562.452), (16, 198.04, 62894.029), (14, 199.76, 31436.921), (12, 95.39, 14577.848),
        (12, 287.11, 31931.756), (12, 320.81, 34777.259), (9, 227.73, 1222.114), (8, 15.45, 16859.074),
    ];

    /// <summary>The solstice as a UTC instant (Terrestrial Time less ΔT, by Espenak and Meeus's polynomial for 2005-2050).</summary>
    public static DateTimeOffset Of(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 3000);
        var y = (year - 2000) / 1000.0;
        var jde0 = 2451716.56767 + (365241.62603 * y) + (0.00325 * y * y) + (0.00888 * y * y * y) - (0.00030 * y * y * y * y);
        var t = (jde0 - 2451545.0) / 36525;
        var w = Radians((35999.373 * t) - 2.47);
        var deltaLambda = 1 + (0.0334 * Math.Cos(w)) + (0.0007 * Math.Cos(2 * w));
        var s = PeriodicTerms.Sum(term => term.A * Math.Cos(Radians(term.B + (term.C * t))));
        var jde = jde0 + (0.00001 * s / deltaLambda);
        var sinceTwoThousand = year - 2000;
        var deltaTSeconds = 62.92 + (0.32217 * sinceTwoThousand) + (0.005589 * sinceTwoThousand * sinceTwoThousand);
        return JulianDayToUtc(jde).AddSeconds(-deltaTSeconds);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static DateTimeOffset JulianDayToUtc(double julianDay) =>
        new DateTimeOffset(2000, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(julianDay - 2451545.0);
}
