namespace ModularPayments.Fintoc.Simulator.Enrollment;

/// <summary>How a sandbox bank account asks for its second factor.</summary>
public enum SecondFactor
{
    SecurityDevice,
    MobileAppApproves,
    MobileAppRejects,
    Sms,
    CoordinateCard,
}

public sealed record SandboxAccount(string Number, SecondFactor SecondFactor, string? Code, string Description);

public sealed record SandboxCard(string Number, string Outcome, string? ThreeDsCode, string? FailureReason);

/// <summary>The sandbox credentials of seed 000 (setup checkout) and seed 003 (subscription authorization).</summary>
public static class TestCredentials
{
    public const string Password = "jonsnow";

    /// <summary>Seed 000's PAC login; seed 003's sandbox logins are accepted too (normalised: no dots or hyphen).</summary>
    public static readonly IReadOnlySet<string> Usernames = new HashSet<string>(StringComparer.Ordinal) { "111111111", "416148503", "404276727", "415792638" };

    public static readonly IReadOnlyList<SandboxAccount> Accounts =
    [
        new("813990168", SecondFactor.SecurityDevice, "000000", "Security device (code 000000)"),
        new("422159212", SecondFactor.MobileAppApproves, null, "Mobile app: approves"),
        new("5233137377", SecondFactor.MobileAppRejects, null, "Mobile app: rejects"),
        new("170086177", SecondFactor.Sms, "0000", "SMS (code 0000)"),
        new("746326042", SecondFactor.CoordinateCard, "000000", "Coordinate card (00 00 00)"),
        new("4420245701", SecondFactor.CoordinateCard, "000000", "Coordinate card (00 00 00)"),
    ];

    public static readonly IReadOnlyList<SandboxCard> Cards =
    [
        new("4111111111111111", "succeeds", null, null),
        new("4456524869770255", "succeeds with 3-D Secure code 1234", "1234", null),
        new("4574441215190335", "fails: invalid credentials", null, FailureReasons.InvalidCardCredentials),
        new("4349003000047015", "fails: rejected", null, FailureReasons.CardDeclined),
    ];

    public static string NormalizeUsername(string username) =>
        username.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    /// <summary>"000000", "00 00 00", "00,00,00" and "00-00-00" are the same coordinate answer.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? "").Where(char.IsAsciiDigit).ToArray());
}

/// <summary>Why an enrollment failed (Fintoc's setup-intent and subscription-intent error names).</summary>
public static class FailureReasons
{
    public const string LoginInvalidCredentials = "login_invalid_credentials";
    public const string MfaInvalidAuthorization = "mfa_invalid_authorization";
    public const string AuthorizationFailed = "authorization_failed";
    public const string AuthenticationFailed = "authentication_failed";
    public const string InvalidCardCredentials = "invalid_card_credentials";
    public const string CardDeclined = "card_declined";
    public const string InvalidCard = "invalid_card";
}
