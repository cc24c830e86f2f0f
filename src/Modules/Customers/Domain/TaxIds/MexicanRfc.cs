namespace ModularPayments.Modules.Customers.Domain.TaxIds;

/// <summary>
/// The RFC: 3 letters for companies or 4 for persons (A-Z, Ñ, &amp;), a YYMMDD date that exists, and a 3-character
/// homoclave. 12 characters for companies, 13 for persons; stored uppercase.
/// </summary>
public static class MexicanRfc
{
    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "An RFC is required.";
            return false;
        }

        var rfc = input.Trim().ToUpperInvariant();
        if (rfc.Length is not (12 or 13))
        {
            error = "An RFC has 12 characters (companies) or 13 (persons).";
            return false;
        }

        var letters = rfc.Length - 9;
        if (!rfc[..letters].All(c => c is (>= 'A' and <= 'Z') or 'Ñ' or '&'))
        {
            error = $"An RFC of {rfc.Length} characters starts with {letters} letters.";
            return false;
        }

        var date = rfc.Substring(letters, 6);
        if (!date.All(char.IsAsciiDigit) || !IsRealDate(date))
        {
            error = "The RFC's date (YYMMDD) is not a real date.";
            return false;
        }

        if (!rfc[^3..].All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'Z'))
        {
            error = "An RFC ends with a 3-character homoclave of letters and digits.";
            return false;
        }

        normalized = rfc;
        error = string.Empty;
        return true;
    }

    /// <summary>The two-digit year may be 19YY or 20YY; the date must exist in one of them (29 February included).</summary>
    private static bool IsRealDate(string yymmdd)
    {
        var yy = int.Parse(yymmdd.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(yymmdd.AsSpan(2, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(yymmdd.AsSpan(4, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        return day <= DateTime.DaysInMonth(1900 + yy, month) || day <= DateTime.DaysInMonth(2000 + yy, month);
    }
}
