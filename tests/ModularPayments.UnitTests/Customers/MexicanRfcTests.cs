using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.UnitTests.Customers;

public class MexicanRfcTests
{
    [Theory]
    [InlineData("GODE561231GR8", "GODE561231GR8")] // person: 4 letters, 31 Dec 1956, homoclave
    [InlineData("gode561231gr8", "GODE561231GR8")]
    [InlineData("  GODE561231GR8 ", "GODE561231GR8")]
    [InlineData("ABC680524P76", "ABC680524P76")] // company: 3 letters
    [InlineData("abc680524p76", "ABC680524P76")]
    [InlineData("ÑAB010101AB1", "ÑAB010101AB1")]
    [InlineData("ñabc010101ab1", "ÑABC010101AB1")]
    [InlineData("A&B010101AB1", "A&B010101AB1")]
    [InlineData("&&&&991231000", "&&&&991231000")]
    [InlineData("GODE000229GR8", "GODE000229GR8")] // 29 Feb 2000
    [InlineData("GODE040229GR8", "GODE040229GR8")] // 29 Feb 1904 / 2004
    [InlineData("GODE960229GR8", "GODE960229GR8")] // 29 Feb 1996
    [InlineData("GODE560430GR8", "GODE560430GR8")] // 30 April
    public void Valid_rfcs_are_uppercased(string input, string expected)
    {
        Assert.True(MexicanRfc.TryNormalize(input, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("GODE561331GR8")] // month 13
    [InlineData("GODE560031GR8")] // month 00
    [InlineData("GODE561232GR8")] // day 32
    [InlineData("GODE561200GR8")] // day 00
    [InlineData("GODE560431GR8")] // 31 April
    [InlineData("GODE560230GR8")] // 30 February
    [InlineData("GODE010229GR8")] // 29 Feb 1901 / 2001: neither is a leap year
    [InlineData("ABC680631P76")] // 31 June, company
    public void Impossible_dates_are_rejected(string input)
    {
        Assert.False(MexicanRfc.TryNormalize(input, out var normalized, out var error));
        Assert.Empty(normalized);
        Assert.Contains("date", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GODE561231G")] // 11
    [InlineData("GODE561231GR8X")] // 14
    [InlineData("GOD561231")]
    [InlineData("")]
    [InlineData(null)]
    public void Wrong_lengths_are_rejected(string? input) =>
        Assert.False(MexicanRfc.TryNormalize(input, out _, out _));

    [Theory]
    [InlineData("G0DE561231GR8")] // digit among the person's letters
    [InlineData("GOD1561231GR8")]
    [InlineData("1BC680524P76")] // digit among the company's letters
    [InlineData("GODE56123AGR8")] // letter in the date
    [InlineData("GODE561231G-8")] // symbol in the homoclave
    [InlineData("GODE561231GÑ8")] // Ñ is not a homoclave character
    [InlineData("GO E561231GR8")]
    public void Characters_in_the_wrong_place_are_rejected(string input) =>
        Assert.False(MexicanRfc.TryNormalize(input, out _, out _));

    [Fact]
    public void A_13_character_rfc_is_read_as_a_person_not_as_a_company_with_a_longer_tail() =>
        // "ABC1680524P76": 13 characters, so four letters are required; the "1" is not a letter.
        Assert.False(MexicanRfc.TryNormalize("ABC1680524P76", out _, out _));
}
