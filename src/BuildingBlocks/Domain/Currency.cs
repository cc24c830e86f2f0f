namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>The currencies Fintoc settles, with the number of minor-unit digits each has.</summary>
public sealed record Currency
{
    public static readonly Currency Clp = new("CLP", 0);
    public static readonly Currency Mxn = new("MXN", 2);

    private Currency(string code, int minorUnitDigits)
    {
        Code = code;
        MinorUnitDigits = minorUnitDigits;
    }

    /// <summary>ISO 4217 code, uppercase.</summary>
    public string Code { get; }

    /// <summary>CLP has none (5000 = $5.000), MXN has two (5000 = $50.00).</summary>
    public int MinorUnitDigits { get; }

    public long MinorUnitsPerMajorUnit => MinorUnitDigits == 0 ? 1 : 100;

    public static Currency FromCode(string? code) =>
        TryFromCode(code, out var currency)
            ? currency
            : throw new DomainRuleViolation("unsupported_currency", $"Currency '{code}' is not supported; use CLP or MXN.", "currency");

    public static bool TryFromCode(string? code, out Currency currency)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "CLP":
                currency = Clp;
                return true;
            case "MXN":
                currency = Mxn;
                return true;
            default:
                currency = null!;
                return false;
        }
    }

    public override string ToString() => Code;
}
