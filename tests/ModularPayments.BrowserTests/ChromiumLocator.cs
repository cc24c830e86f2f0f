namespace ModularPayments.BrowserTests;

/// <summary>Finds the Chromium that Playwright drives: Playwright's own download cannot work offline.</summary>
public static class ChromiumLocator
{
    public const string ExecutableVariable = "MODULARPAYMENTS_CHROMIUM";
    public const string RequireVariable = "MODULARPAYMENTS_REQUIRE_BROWSER";

    public static string MissingBrowserMessage =>
        $"Browser tests skipped: no Chromium at /usr/bin/chromium (or ${ExecutableVariable}). " +
        "Install it with `sudo apt-get install chromium`; .ci/run installs it and makes these tests mandatory.";

    public static bool BrowserRequired => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequireVariable));

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        foreach (var candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
