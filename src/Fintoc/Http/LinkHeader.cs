using System.Text.RegularExpressions;

namespace ModularPayments.Fintoc.Http;

/// <summary>RFC 8288 <c>Link</c> header as Fintoc sends it: v1 pages (first/prev/next/last) and v2 cursors (next only).</summary>
public static partial class LinkHeader
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var links = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            foreach (var part in value.Split(','))
            {
                var match = LinkPattern().Match(part);
                if (match.Success)
                {
                    links[match.Groups["rel"].Value] = match.Groups["url"].Value.Trim();
                }
            }
        }

        return links;
    }

    public static string? Next(IEnumerable<string> values) => Parse(values).GetValueOrDefault("next");

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel="?(?<rel>[^";]*)"?""")]
    private static partial Regex LinkPattern();
}
