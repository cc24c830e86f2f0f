namespace ModularPayments.Modules.Mandates.Domain;

/// <summary>What to do after a failed attempt.</summary>
public enum DunningDecision
{
    /// <summary>Try the period again later (insufficient funds, attempts left).</summary>
    Retry,

    /// <summary>The period is failed for good; the mandate moves on to the next period.</summary>
    GiveUpPeriod,

    /// <summary>The amount is above what the payer authorized: the merchant must act; no more charges meanwhile.</summary>
    RequiresAction,

    /// <summary>The payer disabled the authorization: the mandate ends.</summary>
    Revoke,
}

/// <summary>
/// The retry policy by failure reason: insufficient funds is retried after <see cref="RetryAfterBusinessDays"/>
/// business days, up to <see cref="MaxAttempts"/> attempts per period; an amount above the authorized one needs the
/// merchant; a disabled authorization ends the mandate; anything else fails the period without a retry.
/// </summary>
public sealed record DunningPolicy(int MaxAttempts, int RetryAfterBusinessDays)
{
    public const int DefaultMaxAttempts = 3;
    public const int DefaultRetryAfterBusinessDays = 2;
    public const int MaxMaxAttempts = 10;
    public const int MaxRetryAfterBusinessDays = 20;

    public const string InsufficientFunds = "insufficient_funds";
    public const string AboveAuthorizedAmount = "maximum_amount_error";
    public const string AuthorizationDisabled = "authorization_disabled";

    public static DunningPolicy Default { get; } = new(DefaultMaxAttempts, DefaultRetryAfterBusinessDays);

    public DunningDecision Decide(string reason, int attempt) => reason switch
    {
        InsufficientFunds when attempt < MaxAttempts => DunningDecision.Retry,
        InsufficientFunds => DunningDecision.GiveUpPeriod,
        AboveAuthorizedAmount => DunningDecision.RequiresAction,
        AuthorizationDisabled => DunningDecision.Revoke,
        _ => DunningDecision.GiveUpPeriod,
    };
}
