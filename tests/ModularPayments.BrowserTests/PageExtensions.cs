using System.Diagnostics;
using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

public static class PageExtensions
{
    private static readonly TimeSpan RedirectTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits until the page's URL is <paramref name="url"/> (query string ignored). The URL is what a redirect test is
    /// about. Playwright's <c>WaitForURLAsync</c> is not used: when the redirect has already happened it waits for the
    /// page's load event, and on a loaded CI machine that wait once hung for its whole timeout after the page had loaded
    /// ("NetworkIdle event fired"). What the page shows is then read with Playwright's own auto-waiting.
    /// </summary>
    public static async Task WaitForRedirectAsync(this IPage page, string url)
    {
        var waited = Stopwatch.StartNew();
        while (!IsAt(page.Url, url))
        {
            if (waited.Elapsed > RedirectTimeout)
                throw new TimeoutException($"The page did not reach {url} within {RedirectTimeout.TotalSeconds} s; it is at {page.Url}.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static bool IsAt(string current, string expected)
    {
        var queryStart = current.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? current : current[..queryStart];
        return string.Equals(path, expected, StringComparison.Ordinal);
    }
}
