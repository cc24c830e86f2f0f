using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.GetChargeTimeline;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Endpoints;

/// <summary>
/// Body of <c>POST /v1/charges</c>. <c>amount</c> is a JSON integer of the currency's smallest unit (CLP has none: 5000
/// is $5.000; MXN has cents: 5000 is $50.00); a string or a fraction is refused while reading the body.
/// </summary>
public sealed record CreateChargeRequest(
    string? CustomerId,
    string? PaymentMethodId,
    string? SubscriptionId,
    long? Amount,
    string? Currency,
    string? Description,
    Dictionary<string, string>? Metadata);

public sealed record ChargeMismatchBody(IReadOnlyList<string> Fields, string Detail, string FintocId, string? FintocEventId, DateTimeOffset DetectedAt);

/// <summary>A charge on the wire.</summary>
public sealed record ChargeResponse(
    string Id,
    string Object,
    string Type,
    string Status,
    long Amount,
    string Currency,
    string CustomerId,
    string? PaymentMethodId,
    string? SubscriptionId,
    string? Description,
    IReadOnlyDictionary<string, string> Metadata,
    string? FintocPaymentIntentId,
    string? FintocChargeId,
    string? FailureReason,
    ChargeMismatchBody? Mismatch,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset UpdatedAt)
{
    public static ChargeResponse From(ChargeDto charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var isIntent = charge.Kind == ChargeKinds.PaymentIntent;
        return new ChargeResponse(
            PublicIdKind.Charge.Format(charge.Id),
            "charge",
            charge.Kind,
            charge.Status,
            charge.Amount,
            charge.Currency,
            PublicIdKind.Customer.Format(charge.CustomerId),
            charge.PaymentMethodId is { } methodId ? PublicIdKind.PaymentMethod.Format(methodId) : null,
            charge.SubscriptionId,
            charge.Description,
            charge.Metadata,
            isIntent ? charge.FintocId : null,
            isIntent ? null : charge.FintocId,
            charge.FailureReason,
            charge.Mismatch is { } m ? new ChargeMismatchBody(m.Fields, m.Detail, m.FintocId, m.FintocEventId, m.DetectedAt) : null,
            charge.CreatedAt,
            charge.SubmittedAt,
            charge.SettledAt,
            charge.UpdatedAt);
    }
}

/// <summary>A page of charges, newest first; pass the last id as <c>starting_after</c> for the next page.</summary>
public sealed record ChargeListResponse(string Object, IReadOnlyList<ChargeResponse> Data, bool HasMore);

/// <summary>Every step of one charge, oldest first.</summary>
public sealed record ChargeTimelineResponse(string Object, string ChargeId, IReadOnlyList<ChargeTimelineEntry> Data);
