namespace ModularPayments.Fintoc.Webhooks;

/// <summary>Why a webhook was refused.</summary>
public enum WebhookVerificationFailure
{
    None = 0,
    NoSecretsConfigured,
    MissingHeader,
    MalformedHeader,
    MissingTimestamp,
    MissingSignature,
    TimestampTooOld,
    TimestampInFuture,
    SignatureMismatch,
}

/// <summary>The verdict on one delivery; <see cref="Message"/> never contains a secret.</summary>
public sealed record WebhookVerificationResult(WebhookVerificationFailure Failure, string Message, DateTimeOffset? SignedAt)
{
    public bool IsValid => Failure == WebhookVerificationFailure.None;

    internal static WebhookVerificationResult Valid(DateTimeOffset signedAt) => new(WebhookVerificationFailure.None, "valid", signedAt);

    internal static WebhookVerificationResult Invalid(WebhookVerificationFailure failure, string message, DateTimeOffset? signedAt = null) => new(failure, message, signedAt);
}
