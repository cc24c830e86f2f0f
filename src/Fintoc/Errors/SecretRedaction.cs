using System.Text.RegularExpressions;

namespace ModularPayments.Fintoc.Errors;

/// <summary>
/// Fintoc's error messages are kept (they say what was wrong), but one that echoes a key (<c>Invalid API key
/// sk_live_…</c>) must not carry it into our exceptions, logs, parked reactions or the event store.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Placeholder = "[redacted]";

    public static string Apply(string text) => KeyLike().Replace(text, Placeholder);

    [GeneratedRegex(@"\b(?:(?:sk|pk)_(?:live|test)_|whsec_)[A-Za-z0-9_\-\.]*", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();
}
