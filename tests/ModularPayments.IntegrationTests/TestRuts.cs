using System.Globalization;

namespace ModularPayments.IntegrationTests;

/// <summary>Valid RUTs for tests, computed independently of the product's own validator.</summary>
public static class TestRuts
{
    private static int _next = 10_000_000 + Random.Shared.Next(0, 5_000_000);

    public static string Next() => Format(Interlocked.Increment(ref _next));

    public static string Format(int body)
    {
        var digits = body.ToString(CultureInfo.InvariantCulture);
        int sum = 0, weight = 2;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }

        var check = (11 - (sum % 11)) switch { 11 => "0", 10 => "K", var d => d.ToString(CultureInfo.InvariantCulture) };
        return body.ToString("N0", CultureInfo.GetCultureInfo("es-CL")) + "-" + check;
    }

    /// <summary>Any accepted form → "12.345.678-5", the form the API answers with.</summary>
    public static string Written(string rut)
    {
        var normalized = Normalized(rut);
        var body = long.Parse(normalized[..^1], CultureInfo.InvariantCulture);
        return body.ToString("N0", CultureInfo.GetCultureInfo("es-CL")) + "-" + normalized[^1];
    }

    /// <summary>"12.345.678-5" → "123456785".</summary>
    public static string Normalized(string rut) => rut.Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
