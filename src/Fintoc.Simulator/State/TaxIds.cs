using System.Globalization;
using System.Text.RegularExpressions;
using ModularPayments.Fintoc.Simulator.Api;

namespace ModularPayments.Fintoc.Simulator.State;

/// <summary>Fintoc stores RUTs without dots or hyphen (uppercase K) and RFCs uppercase.</summary>
internal static partial class TaxIds
{
    public static TaxId Normalize(string type, string value, string param)
    {
        switch (type)
        {
            case "cl_rut":
                var rut = value.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
                if (!RutShape().IsMatch(rut) || CheckDigit(rut[..^1]) != rut[^1])
                {
                    throw FintocApiError.Invalid(param + ".value", "tax_id.value is not a valid RUT (check digit).");
                }

                return new TaxId(type, rut);
            case "mx_rfc":
                var rfc = value.Trim().ToUpperInvariant();
                return RfcShape().IsMatch(rfc) ? new TaxId(type, rfc) : throw FintocApiError.Invalid(param + ".value", "tax_id.value is not a valid RFC.");
            default:
                throw new FintocApiError(400, "invalid_request_error", "invalid_enum", "tax_id.type must be cl_rut or mx_rfc.", param + ".type");
        }
    }

    /// <summary>For list filters: the same normalisation, without refusing a malformed value.</summary>
    public static string Loose(string value) =>
        value.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    private static char CheckDigit(string digits)
    {
        var sum = 0;
        var factor = 2;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * factor;
            factor = factor == 7 ? 2 : factor + 1;
        }

        var result = 11 - (sum % 11);
        return result switch
        {
            11 => '0',
            10 => 'K',
            _ => result.ToString(CultureInfo.InvariantCulture)[0],
        };
    }

    [GeneratedRegex("^[0-9]{7,8}[0-9K]$")]
    private static partial Regex RutShape();

    [GeneratedRegex("^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$")]
    private static partial Regex RfcShape();
}
