using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.UnitTests.BuildingBlocks;

public class MoneyTests
{
    [Fact]
    public void Clp_has_no_minor_digits_and_mxn_has_two()
    {
        Assert.Equal(0, Currency.Clp.MinorUnitDigits);
        Assert.Equal(1, Currency.Clp.MinorUnitsPerMajorUnit);
        Assert.Equal(2, Currency.Mxn.MinorUnitDigits);
        Assert.Equal(100, Currency.Mxn.MinorUnitsPerMajorUnit);
    }

    [Theory]
    [InlineData(5000, "CLP", "5000 CLP")]
    [InlineData(0, "CLP", "0 CLP")]
    [InlineData(-5000, "CLP", "-5000 CLP")]
    [InlineData(5000, "MXN", "50.00 MXN")]
    [InlineData(5001, "MXN", "50.01 MXN")]
    [InlineData(7, "MXN", "0.07 MXN")]
    [InlineData(0, "MXN", "0.00 MXN")]
    [InlineData(-5, "MXN", "-0.05 MXN")]
    [InlineData(-12345, "MXN", "-123.45 MXN")]
    [InlineData(long.MaxValue, "MXN", "92233720368547758.07 MXN")]
    [InlineData(long.MinValue, "MXN", "-92233720368547758.08 MXN")]
    public void ToString_shows_major_units_with_the_currency_code(long minorUnits, string currency, string expected) =>
        Assert.Equal(expected, Money.Of(minorUnits, currency).ToString());

    [Theory]
    [InlineData("clp")]
    [InlineData("CLP")]
    [InlineData(" Clp ")]
    public void FromCode_accepts_clp_in_any_case(string code) => Assert.Same(Currency.Clp, Currency.FromCode(code));

    [Theory]
    [InlineData("mxn")]
    [InlineData("MXN")]
    [InlineData("mXn")]
    public void FromCode_accepts_mxn_in_any_case(string code) => Assert.Same(Currency.Mxn, Currency.FromCode(code));

    [Theory]
    [InlineData("USD")]
    [InlineData("usd")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("CL")]
    public void FromCode_rejects_other_currencies(string? code)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Currency.FromCode(code));
        Assert.Equal("unsupported_currency", violation.Code);
        Assert.Equal("currency", violation.Field);
        Assert.False(Currency.TryFromCode(code, out _));
    }

    [Fact]
    public void Add_and_subtract_in_the_same_currency()
    {
        var a = Money.Of(1500, "MXN");
        var b = Money.Of(250, "mxn");
        Assert.Equal(Money.Of(1750, "MXN"), a.Add(b));
        Assert.Equal(Money.Of(1250, "MXN"), a.Subtract(b));
        Assert.Equal(Money.Of(-1250, "MXN"), b.Subtract(a));
        Assert.True(a.CompareTo(b) > 0);
        Assert.Equal(0, a.CompareTo(Money.Of(1500, "MXN")));
    }

    [Fact]
    public void Money_is_a_value_equal_by_amount_and_currency()
    {
        Assert.Equal(Money.Of(100, "CLP"), new Money(100, Currency.Clp));
        Assert.NotEqual(Money.Of(100, "CLP"), Money.Of(100, "MXN"));
        Assert.NotEqual(Money.Of(100, "CLP"), Money.Of(101, "CLP"));
    }

    [Fact]
    public void Combining_different_currencies_is_a_domain_rule_violation()
    {
        var clp = Money.Of(100, "CLP");
        var mxn = Money.Of(100, "MXN");
        Assert.Equal("currency_mismatch", Assert.Throws<DomainRuleViolation>(() => clp.Add(mxn)).Code);
        Assert.Equal("currency_mismatch", Assert.Throws<DomainRuleViolation>(() => clp.Subtract(mxn)).Code);
        Assert.Equal("currency_mismatch", Assert.Throws<DomainRuleViolation>(() => mxn.CompareTo(clp)).Code);
        Assert.Equal("currency", Assert.Throws<DomainRuleViolation>(() => mxn.Add(clp)).Field);
    }

    [Fact]
    public void Arithmetic_overflow_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => Money.Of(long.MaxValue, "CLP").Add(Money.Of(1, "CLP")));
        Assert.Throws<OverflowException>(() => Money.Of(long.MinValue, "MXN").Subtract(Money.Of(1, "MXN")));
        Assert.Throws<OverflowException>(() => Money.Of(0, "MXN").Subtract(Money.Of(long.MinValue, "MXN")));
    }

    [Fact]
    public void IsPositive_only_above_zero()
    {
        Assert.True(Money.Of(1, "CLP").IsPositive);
        Assert.False(Money.Zero(Currency.Clp).IsPositive);
        Assert.False(Money.Of(-1, "CLP").IsPositive);
    }
}
