using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application;

public sealed record ScheduleDto(string Frequency, string? DayOfMonth, string? Weekday, DateOnly StartDate);

public sealed record RetryPolicyDto(int MaxAttempts, int RetryAfterBusinessDays);

public sealed record AuthorizationDto(string SubscriptionIntentId, string? WidgetToken, string? AuthorizationUrl, string? SubscriptionId, DateTimeOffset? AuthorizedAt);

/// <summary>One attempt at one period, with the dates seed 003 promises.</summary>
public sealed record MandateChargeDto(
    Guid ChargeId,
    int Period,
    int Attempt,
    DateOnly DueDate,
    long Amount,
    string Status,
    string? FailureReason,
    string? Decision,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpectedProcessingAt,
    DateTimeOffset ExpectedFinalStatusAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? ExpectedPayoutAt);

public sealed record MandateDto(
    Guid Id,
    Guid CustomerId,
    string Status,
    string? StatusReason,
    string Instrument,
    Guid? PaymentMethodId,
    long Amount,
    string Currency,
    ScheduleDto Schedule,
    RetryPolicyDto RetryPolicy,
    string? ReferenceId,
    AuthorizationDto? Authorization,
    int? CurrentPeriod,
    DateTimeOffset? NextChargeAt,
    MandateChargeDto? LastCharge,
    int FailedAttempts,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal static class MandateMapping
{
    public static MandateDto ToDto(this Mandate mandate, string? authorizationUrlTemplate)
    {
        var state = mandate.State;
        var schedule = state.Schedule!;
        return new MandateDto(
            state.Id,
            state.CustomerId,
            state.Status.Name(),
            state.StatusReason,
            state.Instrument,
            state.PaymentMethodId,
            state.Amount,
            state.Currency,
            new ScheduleDto(
                schedule.Frequency == ScheduleFrequency.Weekly ? "weekly" : "monthly",
                schedule.Frequency == ScheduleFrequency.Weekly ? null : schedule.DayOfMonth == Schedule.LastDayOfMonth ? "last" : schedule.DayOfMonth.ToString(System.Globalization.CultureInfo.InvariantCulture),
                schedule.Frequency == ScheduleFrequency.Weekly ? schedule.Weekday.ToString().ToLowerInvariant() : null,
                schedule.StartDate),
            new RetryPolicyDto(state.Policy.MaxAttempts, state.Policy.RetryAfterBusinessDays),
            state.ReferenceId,
            state.SubscriptionIntentId is { } intent
                ? new AuthorizationDto(intent, state.WidgetToken, AuthorizationUrl(authorizationUrlTemplate, intent, state.WidgetToken), state.SubscriptionId, state.AuthorizedAt)
                : null,
            state.NextPeriod > 0 ? state.NextPeriod : null,
            mandate.NextChargeAt(),
            state.Attempts.Count > 0 ? state.Attempts[^1].ToDto() : null,
            state.Attempts.Count(a => a.Outcome == "failed"),
            state.ActivatedAt,
            state.CreatedAt,
            state.UpdatedAt);
    }

    public static MandateChargeDto ToDto(this ChargeAttempt attempt) => new(
        attempt.ChargeId,
        attempt.Period,
        attempt.Attempt,
        attempt.DueDate,
        attempt.Amount,
        attempt.Outcome,
        attempt.FailureReason,
        attempt.Decision,
        attempt.RequestedAt,
        attempt.ExpectedProcessingAt,
        attempt.ExpectedFinalStatusAt,
        attempt.SettledAt,
        attempt.ExpectedPayoutAt);

    private static string? AuthorizationUrl(string? template, string intentId, string? widgetToken) =>
        template is null || widgetToken is null
            ? null
            : template.Replace("{id}", Uri.EscapeDataString(intentId), StringComparison.Ordinal)
                .Replace("{widget_token}", Uri.EscapeDataString(widgetToken), StringComparison.Ordinal);
}
