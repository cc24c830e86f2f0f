namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>
/// Amounts whose last three digits choose a failure, as Stripe's test cards do (v2 payment intents and v1 charges):
/// ...991 insufficient funds, ...992 above the authorized amount, ...993 authorization disabled by the payer (the
/// payment method or subscription is canceled too). Anything else succeeds.
/// </summary>
public static class MagicAmounts
{
    public const string InsufficientFunds = "insufficient_funds";
    public const string AboveAuthorizedAmount = "maximum_amount_error";
    public const string AuthorizationDisabled = "authorization_disabled";

    public static string? FailureFor(long amount) => (amount % 1000) switch
    {
        991 => InsufficientFunds,
        992 => AboveAuthorizedAmount,
        993 => AuthorizationDisabled,
        _ => null,
    };
}
