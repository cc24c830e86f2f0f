using System.Globalization;

namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>
/// An amount in the currency's minor unit (whole pesos for CLP, centavos for MXN). Never a float:
/// the amount Fintoc receives is exactly the integer stored here.
/// </summary>
public sealed record Money
{
    public Money(long minorUnits, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    public static Money Zero(Currency currency) => new(0, currency);

    public static Money Of(long minorUnits, string currencyCode) => new(minorUnits, Currency.FromCode(currencyCode));

    public bool IsPositive => MinorUnits > 0;

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(MinorUnits + other.MinorUnits), Currency);
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return new Money(checked(MinorUnits - other.MinorUnits), Currency);
    }

    public int CompareTo(Money other)
    {
        EnsureSameCurrency(other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <summary>Human-readable major units, e.g. "5000 CLP" or "50.00 MXN", computed with integer arithmetic.</summary>
    public override string ToString()
    {
        if (Currency.MinorUnitDigits == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{MinorUnits} {Currency.Code}");
        }

        var divisor = (ulong)Currency.MinorUnitsPerMajorUnit;
        var sign = MinorUnits < 0 ? "-" : string.Empty;
        // Math.Abs(long.MinValue) overflows; its magnitude fits in a ulong.
        var absolute = MinorUnits < 0 ? unchecked(0UL - (ulong)MinorUnits) : (ulong)MinorUnits;
        var fraction = (absolute % divisor).ToString(CultureInfo.InvariantCulture).PadLeft(Currency.MinorUnitDigits, '0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{absolute / divisor}.{fraction} {Currency.Code}");
    }

    private void EnsureSameCurrency(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Currency != Currency)
        {
            throw new DomainRuleViolation("currency_mismatch", $"Cannot combine {Currency.Code} with {other.Currency.Code}.", "currency");
        }
    }
}
