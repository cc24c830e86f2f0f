using System.Globalization;
using System.Text.Json;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Application;

namespace ModularPayments.Modules.Mandates.Endpoints;

/// <summary><c>type</c> is <c>payment_method</c> (with <c>payment_method_id</c>) or <c>pac_subscription</c>.</summary>
public sealed record InstrumentBody(string? Type, string? PaymentMethodId);

/// <summary>
/// <c>frequency</c> monthly (with <c>day_of_month</c>: 1..31 or "last") or weekly (with <c>weekday</c>: monday..sunday);
/// <c>start_date</c> YYYY-MM-DD, in America/Santiago.
/// </summary>
public sealed record ScheduleBody(string? Frequency, JsonElement? DayOfMonth, string? Weekday, DateOnly? StartDate)
{
    public string? DayOfMonthText => DayOfMonth switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var day) => day.ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        _ => null,
    };
}

public sealed record RetryPolicyBody(int? MaxAttempts, int? RetryAfterBusinessDays);

/// <summary>Body of <c>POST /v1/mandates</c>. <c>amount</c> is a JSON integer of minor units (CLP has none).</summary>
public sealed record CreateMandateRequest(
    string? CustomerId,
    InstrumentBody? Instrument,
    long? Amount,
    string? Currency,
    ScheduleBody? Schedule,
    string? ReferenceId,
    RetryPolicyBody? RetryPolicy);

public sealed record MandateChargeResponse(
    string ChargeId,
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
    DateTimeOffset? ExpectedPayoutAt)
{
    public static MandateChargeResponse From(MandateChargeDto c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(PublicIdKind.Charge.Format(c.ChargeId), c.Period, c.Attempt, c.DueDate, c.Amount, c.Status, c.FailureReason, c.Decision,
            c.RequestedAt, c.ExpectedProcessingAt, c.ExpectedFinalStatusAt, c.SettledAt, c.ExpectedPayoutAt);
    }
}

public sealed record InstrumentResponse(string Type, string? PaymentMethodId);

/// <summary>A mandate on the wire; <c>authorization</c> is set for PAC subscriptions (the widget token, in simulator mode the page).</summary>
public sealed record MandateResponse(
    string Id,
    string Object,
    string Status,
    string? StatusReason,
    string CustomerId,
    InstrumentResponse Instrument,
    long Amount,
    string Currency,
    ScheduleDto Schedule,
    RetryPolicyDto RetryPolicy,
    string? ReferenceId,
    AuthorizationDto? Authorization,
    int? CurrentPeriod,
    DateTimeOffset? NextChargeAt,
    MandateChargeResponse? LastCharge,
    int FailedAttempts,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MandateResponse From(MandateDto m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(
            PublicIdKind.Mandate.Format(m.Id),
            "mandate",
            m.Status,
            m.StatusReason,
            PublicIdKind.Customer.Format(m.CustomerId),
            new InstrumentResponse(m.Instrument, m.PaymentMethodId is { } method ? PublicIdKind.PaymentMethod.Format(method) : null),
            m.Amount,
            m.Currency,
            m.Schedule,
            m.RetryPolicy,
            m.ReferenceId,
            m.Authorization,
            m.CurrentPeriod,
            m.NextChargeAt,
            m.LastCharge is { } last ? MandateChargeResponse.From(last) : null,
            m.FailedAttempts,
            m.ActivatedAt,
            m.CreatedAt,
            m.UpdatedAt);
    }
}

public sealed record MandateListResponse(string Object, IReadOnlyList<MandateResponse> Data, bool HasMore);

public sealed record MandateChargeListResponse(string Object, string MandateId, IReadOnlyList<MandateChargeResponse> Data);
