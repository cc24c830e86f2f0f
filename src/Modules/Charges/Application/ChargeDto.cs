using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application;

public sealed record ChargeMismatchDto(IReadOnlyList<string> Fields, string Detail, string FintocId, string? FintocEventId, DateTimeOffset DetectedAt);

/// <summary>A charge as the API shows it. <see cref="Status"/> is pending, succeeded or failed.</summary>
public sealed record ChargeDto(
    Guid Id,
    string Kind,
    Guid CustomerId,
    Guid? PaymentMethodId,
    string? SubscriptionId,
    long Amount,
    string Currency,
    string? Description,
    IReadOnlyDictionary<string, string> Metadata,
    string Status,
    string? FintocId,
    string? FailureReason,
    ChargeMismatchDto? Mismatch,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset UpdatedAt);

public sealed record ChargePage(IReadOnlyList<ChargeDto> Data, bool HasMore);

internal static class ChargeMapping
{
    public static ChargeDto ToDto(this ChargeState state) => new(
        state.Id,
        state.Kind,
        state.CustomerId,
        state.PaymentMethodId,
        state.SubscriptionId,
        state.Amount,
        state.Currency,
        state.Description,
        state.Metadata,
        Charge.Name(state.Status),
        state.FintocId,
        state.FailureReason,
        state.Mismatch is { } mismatch ? new ChargeMismatchDto(mismatch.Fields, mismatch.Detail, mismatch.FintocId, mismatch.FintocEventId, mismatch.DetectedAt) : null,
        state.CreatedAt,
        state.SubmittedAt,
        state.SettledAt,
        state.UpdatedAt);

    /// <summary>The charge exactly as the request recorded it: what the first answer showed, and every replay shows.</summary>
    public static ChargeDto ToRequestedDto(this ChargeState state) =>
        new ChargeState().When(state.Requested ?? throw new InvalidOperationException("The charge has no request.")).ToDto();
}
