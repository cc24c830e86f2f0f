namespace ModularPayments.Fintoc;

/// <summary>How to reach Fintoc (configuration section <c>Fintoc</c>).</summary>
public sealed class FintocOptions
{
    public const string SectionName = "Fintoc";
    public const string DefaultApiVersion = "2026-02-01";

    public Uri BaseAddress { get; set; } = new("https://api.fintoc.com/");

    /// <summary>The secret key (<c>sk_test_...</c> or <c>sk_live_...</c>). Never logged, never echoed.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Sent as <c>Fintoc-Version</c>; v2 checkout sessions and payment intents need 2026-02-01 or later.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; it doubles per attempt (Fintoc advises 1, 2, 4, 8, 16 s) plus up to 1 s of jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>Client-side ceiling; Fintoc allows 100 requests per second per organization.</summary>
    public int RequestsPerSecond { get; set; } = 90;

    public string UserAgent { get; set; } = "modularpayments-fintoc/1.0";

    /// <summary>Every problem with these options, each naming the setting (never its value).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(SecretKey))
        {
            problems.Add("Fintoc:SecretKey is required.");
        }
        else if (!SecretKey.StartsWith("sk_test_", StringComparison.Ordinal) && !SecretKey.StartsWith("sk_live_", StringComparison.Ordinal))
        {
            problems.Add("Fintoc:SecretKey must start with sk_test_ or sk_live_ (a secret key, not a public pk_ key).");
        }

        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Fintoc:BaseAddress must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(ApiVersion))
        {
            problems.Add("Fintoc:ApiVersion must not be empty.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Fintoc:RequestTimeout must be positive.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("Fintoc:MaxRetries must be between 0 and 10.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            problems.Add("Fintoc:InitialBackoff must be positive and not above Fintoc:MaxBackoff.");
        }

        if (RequestsPerSecond is < 1 or > 100)
        {
            problems.Add("Fintoc:RequestsPerSecond must be between 1 and 100 (Fintoc's limit).");
        }

        return problems;
    }

    public override string ToString() => $"Fintoc at {BaseAddress} (version {ApiVersion}, key {(SecretKey.Length > 0 ? "set" : "missing")})";
}
