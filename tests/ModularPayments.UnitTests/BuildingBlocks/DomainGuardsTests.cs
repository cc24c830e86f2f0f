using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.UnitTests.BuildingBlocks;

public class DomainGuardsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Guard_positive_rejects_zero_and_negatives(long value)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Guard.Against.NotPositive(value, "amount"));
        Assert.Equal("must_be_positive", violation.Code);
        Assert.Equal("amount", violation.Field);
        Assert.Equal("amount must be greater than zero.", violation.Message);
    }

    [Fact]
    public void Guard_passes_valid_values_through()
    {
        Assert.Equal(5, Guard.Against.NotPositive(5, "amount"));
        Assert.Equal("x", Guard.Against.MissingValue("x", "name"));
        Assert.Equal("abc", Guard.Against.TooLong("abc", 3, "name"));
        Assert.Equal("name", Assert.Throws<DomainRuleViolation>(() => Guard.Against.MissingValue("  ", "name")).Field);
        Assert.Equal("too_long", Assert.Throws<DomainRuleViolation>(() => Guard.Against.TooLong("abcd", 3, "name")).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t")]
    public void A_missing_value_is_a_required_violation_not_an_argument_exception(string? value)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Guard.Against.MissingValue(value, "name"));
        Assert.Equal("required", violation.Code);
        Assert.Equal("name is required.", violation.Message);
    }

    [Fact]
    public void Too_long_names_the_limit_and_the_field()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Guard.Against.TooLong("abcd", 3, "name"));
        Assert.Equal("name", violation.Field);
        Assert.Equal("name must be at most 3 characters.", violation.Message);
    }
}
