namespace ModularPayments.Modules.Customers.Domain.TaxIds;

/// <summary>
/// The RUT: a body of up to 8 digits and a modulo-11 check digit (0-9 or K). Accepted as "12.345.678-5",
/// "12345678-5" or "123456785"; stored as "123456785" with an uppercase K.
/// </summary>
public static class ChileanRut
{
    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "A RUT is required.";
            return false;
        }

        var compact = input.Trim().Replace(".", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 2 or > 9)
        {
            error = "A RUT has 1 to 8 digits and a check digit, e.g. 12.345.678-5.";
            return false;
        }

        var body = compact[..^1];
        var checkDigit = compact[^1];
        if (!body.All(char.IsAsciiDigit) || !(char.IsAsciiDigit(checkDigit) || checkDigit == 'K'))
        {
            error = "A RUT has only digits and a check digit 0-9 or K, e.g. 12.345.678-5.";
            return false;
        }

        body = body.TrimStart('0');
        if (body.Length == 0)
        {
            error = "A RUT's number cannot be zero.";
            return false;
        }

        var expected = CheckDigitOf(body);
        if (expected != checkDigit)
        {
            error = "The RUT's check digit does not match its number.";
            return false;
        }

        normalized = body + checkDigit;
        error = string.Empty;
        return true;
    }

    /// <summary>Modulo 11 with weights 2..7 from the right; 11 gives 0 and 10 gives K.</summary>
    public static char CheckDigitOf(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sum = 0;
        var weight = 2;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            sum += (body[i] - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }

        return (11 - (sum % 11)) switch
        {
            11 => '0',
            10 => 'K',
            var digit => (char)('0' + digit),
        };
    }

    /// <summary>The usual written form of a normalised RUT: "123456785" becomes "12.345.678-5".</summary>
    public static string Format(string normalized)
    {
        ArgumentException.ThrowIfNullOrEmpty(normalized);
        var body = normalized[..^1];
        var groups = new System.Text.StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (i > 0 && (body.Length - i) % 3 == 0)
            {
                groups.Append('.');
            }

            groups.Append(body[i]);
        }

        return groups.Append('-').Append(normalized[^1]).ToString();
    }
}
