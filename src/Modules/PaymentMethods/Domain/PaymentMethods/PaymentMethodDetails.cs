using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

/// <summary>What identifies a method to its owner without exposing it: institution and account type, or card brand, and last 4 digits.</summary>
public sealed record PaymentMethodDetails
{
    public PaymentMethodDetails(
        string type,
        string? institutionId = null,
        string? institutionName = null,
        string? institutionCountry = null,
        string? accountType = null,
        string? accountLast4 = null,
        string? cardBrand = null,
        string? cardLast4 = null)
    {
        if (!PaymentMethodTypes.IsKnown(type))
        {
            throw new DomainRuleViolation("unknown_payment_method_type", $"Payment method type '{type}' is not one of pac, card, direct_debit.");
        }

        Type = type;
        InstitutionId = institutionId;
        InstitutionName = institutionName;
        InstitutionCountry = institutionCountry;
        AccountType = accountType;
        AccountLast4 = AtMostFour(accountLast4, "account_last4");
        CardBrand = cardBrand;
        CardLast4 = AtMostFour(cardLast4, "card_last4");
    }

    public string Type { get; }

    public string? InstitutionId { get; }

    public string? InstitutionName { get; }

    public string? InstitutionCountry { get; }

    public string? AccountType { get; }

    public string? AccountLast4 { get; }

    public string? CardBrand { get; }

    public string? CardLast4 { get; }

    /// <summary>The last four characters of an account or card number; null for none.</summary>
    public static string? LastFour(string? number)
    {
        var digits = number?.Trim();
        return string.IsNullOrEmpty(digits) ? null : digits.Length <= 4 ? digits : digits[^4..];
    }

    // A full number must never reach an event: refuse rather than truncate silently in the wrong place.
    private static string? AtMostFour(string? value, string field) =>
        value is { Length: > 4 }
            ? throw new DomainRuleViolation("number_not_masked", $"{field} holds more than the last 4 digits.")
            : value;
}
