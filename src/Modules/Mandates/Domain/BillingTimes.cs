using ModularPayments.BuildingBlocks.Domain.Calendar;

namespace ModularPayments.Modules.Mandates.Domain;

/// <summary>
/// The instants of seed 003 for one charge, from Chile's banking calendar: processed at the 16:00 cut-off of a business
/// day, final two business days later at 16:00, paid out 24 hours after success. Due dates start at local midnight.
/// </summary>
public static class BillingTimes
{
    /// <summary>No PAC charge earlier than this after the payer's authorization (seed 003).</summary>
    public static readonly TimeSpan FirstChargeDelay = TimeSpan.FromHours(72);

    public static readonly TimeSpan PayoutDelay = TimeSpan.FromHours(24);

    public const int FinalStatusBusinessDays = 2;

    private static readonly TimeZoneInfo Santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

    /// <summary>
    /// The first instant of <paramref name="day"/> in Santiago. Chile moves its clocks at midnight, so on the day
    /// daylight saving starts 00:00 does not exist and the day starts at 01:00.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (Santiago.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Santiago.GetUtcOffset(local));
    }

    public static DateTimeOffset ExpectedProcessing(DateTimeOffset requestedAt) =>
        ChileBankingCalendar.Instance.ProcessingTimeFor(requestedAt);

    public static DateTimeOffset ExpectedFinalStatus(DateTimeOffset processingAt) =>
        ChileBankingCalendar.AtCutOff(ChileBankingCalendar.Instance.AddBusinessDays(ChileBankingCalendar.LocalDate(processingAt), FinalStatusBusinessDays));

    public static DateTimeOffset ExpectedPayout(DateTimeOffset succeededAt) => succeededAt + PayoutDelay;

    /// <summary>A retry <paramref name="businessDays"/> business days after the failure, from the start of that day (processed at its cut-off).</summary>
    public static DateTimeOffset RetryAt(DateTimeOffset failedAt, int businessDays) =>
        StartOfDay(ChileBankingCalendar.Instance.AddBusinessDays(ChileBankingCalendar.LocalDate(failedAt), businessDays));
}
