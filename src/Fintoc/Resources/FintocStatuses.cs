namespace ModularPayments.Fintoc.Resources;

/// <summary>Statuses this product reacts to. Fintoc may add more at any time: every status is carried as a string.</summary>
public static class FintocStatuses
{
    public const string Created = "created";
    public const string InProgress = "in_progress";
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Canceled = "canceled";
    public const string Finished = "finished";
    public const string Expired = "expired";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
}
