namespace ModularPayments.BrowserTests;

/// <summary>
/// A fact that needs a Chromium binary. Without one it is reported as skipped with the reason, unless
/// MODULARPAYMENTS_REQUIRE_BROWSER is set (CI sets it after installing Debian's chromium), where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (ChromiumLocator.Find() is null && !ChromiumLocator.BrowserRequired)
        {
            Skip = ChromiumLocator.MissingBrowserMessage;
        }
    }
}
