using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

/// <summary>One headless Chromium shared by the tests of a class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(ChromiumLocator.MissingBrowserMessage);

    public async Task InitializeAsync()
    {
        var executable = ChromiumLocator.Find();
        if (executable is null)
        {
            if (ChromiumLocator.BrowserRequired)
            {
                throw new InvalidOperationException(ChromiumLocator.MissingBrowserMessage);
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
