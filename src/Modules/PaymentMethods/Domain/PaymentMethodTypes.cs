using System.Diagnostics.CodeAnalysis;

namespace ModularPayments.Modules.PaymentMethods.Domain;

/// <summary>The kinds of payment method Fintoc saves, and which currency each works in.</summary>
public static class PaymentMethodTypes
{
    /// <summary>Chilean bank-account direct debit (PAC): CLP only.</summary>
    public const string Pac = "pac";

    public const string Card = "card";

    /// <summary>Mexican direct debit: MXN only.</summary>
    public const string DirectDebit = "direct_debit";

    public static IReadOnlyList<string> All { get; } = [Pac, Card, DirectDebit];

    public static bool IsKnown([NotNullWhen(true)] string? type) => type is Pac or Card or DirectDebit;

    public static bool WorksWith(string type, string currency) => type switch
    {
        Pac => currency == "CLP",
        DirectDebit => currency == "MXN",
        Card => currency is "CLP" or "MXN",
        _ => false,
    };
}
