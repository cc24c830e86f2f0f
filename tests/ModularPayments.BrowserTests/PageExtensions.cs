using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the page has navigated to <paramref name="url"/>. The URL is what a redirect test is about; waiting for
    /// the page's load event as well only adds a way to time out on a loaded machine (what the page shows is then read
    /// with Playwright's own auto-waiting).
    /// </summary>
    public static Task WaitForRedirectAsync(this IPage page, string url) =>
        page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
}
