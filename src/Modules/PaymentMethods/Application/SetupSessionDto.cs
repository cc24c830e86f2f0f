using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.Modules.PaymentMethods.Application;

/// <summary>A setup session as the API shows it. <see cref="Status"/> is open, finished or expired.</summary>
public sealed record SetupSessionDto(
    Guid Id,
    Guid CustomerId,
    string? FintocCheckoutSessionId,
    string FintocCustomerId,
    string Currency,
    IReadOnlyList<string> PaymentMethodTypes,
    string? RedirectUrl,
    string Status,
    Guid? PaymentMethodId,
    string SuccessUrl,
    string CancelUrl,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

internal static class SetupSessionMapping
{
    public static SetupSessionDto ToDto(this SetupSessionState state) => new(
        state.Id,
        state.CustomerId,
        state.FintocCheckoutSessionId,
        state.FintocCustomerId,
        state.Currency,
        state.PaymentMethodTypes,
        state.RedirectUrl,
        StatusName(state.Status),
        state.PaymentMethodId,
        state.SuccessUrl,
        state.CancelUrl,
        state.Metadata,
        state.ExpiresAt,
        state.CreatedAt,
        state.UpdatedAt);

    /// <summary>A session whose Fintoc call has not been answered yet is still open to the merchant.</summary>
    public static string StatusName(SetupSessionStatus status) => status switch
    {
        SetupSessionStatus.Finished => "finished",
        SetupSessionStatus.Expired => "expired",
        _ => "open",
    };
}
