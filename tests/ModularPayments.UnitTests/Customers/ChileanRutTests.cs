using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.UnitTests.Customers;

public class ChileanRutTests
{
    // Check digits worked out by hand with modulo 11 (weights 2,3,4,5,6,7 from the rightmost digit):
    //   12345678: 8*2+7*3+6*4+5*5+4*6+3*7+2*2+1*3 = 138; 138 % 11 = 6; 11 - 6 = 5
    //   11111111: 2+3+4+5+6+7+2+3 = 32; 32 % 11 = 10; 11 - 10 = 1
    //   76086428: 8*2+2*3+4*4+6*5+8*6+0*7+6*2+7*3 = 149; 149 % 11 = 6; 11 - 6 = 5
    //   10000013: 3*2+1*3+1*3 = 12; 12 % 11 = 1; 11 - 1 = 10 -> K
    //   10000004: 4*2+1*3 = 11; 11 % 11 = 0; 11 - 0 = 11 -> 0
    //   6:        6*2 = 12; 12 % 11 = 1 -> K
    //   1:        1*2 = 2; 11 - 2 = 9
    [Theory]
    [InlineData("12.345.678-5", "123456785")]
    [InlineData("12345678-5", "123456785")]
    [InlineData("123456785", "123456785")]
    [InlineData(" 12345678-5 ", "123456785")]
    [InlineData("11.111.111-1", "111111111")]
    [InlineData("76.086.428-5", "760864285")]
    [InlineData("10.000.013-K", "10000013K")]
    [InlineData("10.000.013-k", "10000013K")]
    [InlineData("10000013k", "10000013K")]
    [InlineData("10.000.004-0", "100000040")]
    [InlineData("6-K", "6K")]
    [InlineData("1-9", "19")]
    [InlineData("01-9", "19")]
    public void Valid_ruts_normalise_to_digits_and_uppercase_check_digit(string input, string expected)
    {
        Assert.True(ChileanRut.TryNormalize(input, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("12.345.678-4")] // check digit is 5
    [InlineData("12.345.678-K")]
    [InlineData("11.111.111-2")]
    [InlineData("10.000.013-0")] // check digit is K
    [InlineData("6-0")]
    [InlineData("12.A45.678-5")]
    [InlineData("ABCDEFGH-K")]
    [InlineData("12.345.678-X")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("5")] // a check digit alone
    [InlineData("123.456.789-0")] // nine-digit body
    [InlineData("0-0")]
    [InlineData("00000000-0")]
    [InlineData("12 345 678-5")]
    [InlineData("+12345678-5")]
    public void Invalid_ruts_are_rejected_with_a_reason(string? input)
    {
        Assert.False(ChileanRut.TryNormalize(input, out var normalized, out var error));
        Assert.Empty(normalized);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_wrong_check_digit_is_reported_as_such()
    {
        Assert.False(ChileanRut.TryNormalize("12.345.678-4", out _, out var error));
        Assert.Contains("check digit", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Any_body_in_any_accepted_format_with_its_check_digit_normalises_to_the_same_value() =>
        Prop.ForAll(Bodies(), Formats(), (body, format) =>
        {
            var digit = ReferenceCheckDigit(body);
            var expected = body.ToString(CultureInfo.InvariantCulture) + digit;
            var ok = ChileanRut.TryNormalize(Format(body, digit, format), out var normalized, out _);
            var okLower = ChileanRut.TryNormalize(Format(body, char.ToLowerInvariant(digit), format), out var normalizedLower, out _);
            return ok && normalized == expected && okLower && normalizedLower == expected;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Any_other_check_digit_is_rejected() =>
        Prop.ForAll(Bodies(), Formats(), (body, format) =>
        {
            var digit = ReferenceCheckDigit(body);
            return "0123456789K"
                .Where(candidate => candidate != digit)
                .All(wrong => !ChileanRut.TryNormalize(Format(body, wrong, format), out _, out _));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void CheckDigitOf_agrees_with_an_independent_implementation() =>
        Prop.ForAll(Bodies(), body => ChileanRut.CheckDigitOf(body.ToString(CultureInfo.InvariantCulture)) == ReferenceCheckDigit(body))
            .QuickCheckThrowOnFailure();

    private static Arbitrary<int> Bodies() =>
        Gen.OneOf(Gen.Choose(1, 99_999_999), Gen.Choose(1, 999), Gen.Choose(99_999_000, 99_999_999)).ToArbitrary();

    private static Arbitrary<int> Formats() => Gen.Choose(0, 2).ToArbitrary();

    private static string Format(int body, char digit, int format)
    {
        var plain = body.ToString(CultureInfo.InvariantCulture);
        return format switch
        {
            0 => body.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.') + "-" + digit,
            1 => plain + "-" + digit,
            _ => plain + digit,
        };
    }

    /// <summary>Modulo 11 computed arithmetically from the number, not from its text.</summary>
    private static char ReferenceCheckDigit(int body)
    {
        int[] weights = [2, 3, 4, 5, 6, 7];
        var sum = 0;
        var position = 0;
        for (var rest = body; rest > 0; rest /= 10, position++)
        {
            sum += rest % 10 * weights[position % weights.Length];
        }

        var value = 11 - (sum % 11);
        return value == 11 ? '0' : value == 10 ? 'K' : (char)('0' + value);
    }
}
