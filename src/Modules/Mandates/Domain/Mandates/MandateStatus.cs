namespace ModularPayments.Modules.Mandates.Domain.Mandates;

public enum MandateStatus
{
    None,
    PendingAuthorization,
    Active,
    Paused,
    RequiresAction,
    Canceled,
    Revoked,
    Failed,
}

public static class MandateStatusNames
{
    public static IReadOnlyList<string> All { get; } = ["pending_authorization", "active", "paused", "requires_action", "canceled", "revoked", "failed"];

    public static string Name(this MandateStatus status) => status switch
    {
        MandateStatus.PendingAuthorization => "pending_authorization",
        MandateStatus.Active => "active",
        MandateStatus.Paused => "paused",
        MandateStatus.RequiresAction => "requires_action",
        MandateStatus.Canceled => "canceled",
        MandateStatus.Revoked => "revoked",
        MandateStatus.Failed => "failed",
        _ => "none",
    };

    public static bool IsFinal(this MandateStatus status) => status is MandateStatus.Canceled or MandateStatus.Revoked or MandateStatus.Failed;
}

public static class Instruments
{
    public const string PaymentMethod = "payment_method";
    public const string PacSubscription = "pac_subscription";
}
