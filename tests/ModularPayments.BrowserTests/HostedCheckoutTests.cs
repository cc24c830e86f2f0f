using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

/// <summary>A payer completes Fintoc's hosted setup checkout (seed 000) in a real Chromium against the simulator.</summary>
public sealed class HostedCheckoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_pac_enrollment_with_the_app_approving_account_redirects_to_success()
    {
        await using var server = await SimulatorServer.StartAsync();
        var (session, page) = await OpenCheckoutAsync(server);

        await EnrollPacAsync(page, "11.111.111-1", "422159212");
        await page.WaitForRedirectAsync(server.SuccessUrl);

        var finished = await server.GetAsync($"v2/checkout_sessions/{session["id"]}");
        var method = await server.GetAsync($"v2/payment_methods/{finished["payment_method"]}");
        Assert.Equal("Merchant: success", await page.InnerTextAsync("#merchant"));
        Assert.Equal("finished", finished["status"]!.GetValue<string>());
        Assert.Equal("pac", method["type"]!.GetValue<string>());
        Assert.Equal("422159212", method["pac"]!["account_number"]!.GetValue<string>());
        Assert.Equal("pending", method["status"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task A_card_enrollment_with_4111_redirects_to_success_with_an_active_method()
    {
        await using var server = await SimulatorServer.StartAsync();
        var (session, page) = await OpenCheckoutAsync(server);

        await EnterCardAsync(page, "4111 1111 1111 1111", "Felipe Castro");
        await page.WaitForRedirectAsync(server.SuccessUrl);

        var finished = await server.GetAsync($"v2/checkout_sessions/{session["id"]}");
        var method = await server.GetAsync($"v2/payment_methods/{finished["payment_method"]}");
        Assert.Equal("card", method["type"]!.GetValue<string>());
        Assert.Equal("1111", method["card"]!["last4"]!.GetValue<string>());
        Assert.Equal("active", method["status"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task The_app_rejecting_account_shows_the_failure_and_keeps_the_session_open()
    {
        await using var server = await SimulatorServer.StartAsync();
        var (session, page) = await OpenCheckoutAsync(server);

        await EnrollPacAsync(page, "11.111.111-1", "5233137377");
        await page.WaitForSelectorAsync("#error");

        Assert.Equal("authorization_failed", await page.InnerTextAsync("#error-reason"));
        Assert.DoesNotContain("/merchant/", page.Url, StringComparison.Ordinal);
        Assert.Equal("created", (await server.GetAsync($"v2/checkout_sessions/{session["id"]}"))["status"]!.GetValue<string>());
        Assert.True(await page.IsVisibleAsync("#pac-form"), "the payer can try again");
    }

    [BrowserFact]
    public async Task A_3d_secure_card_asks_for_its_code_before_succeeding()
    {
        await using var server = await SimulatorServer.StartAsync();
        var (session, page) = await OpenCheckoutAsync(server);

        await EnterCardAsync(page, "4456524869770255");
        await page.FillAsync("#three-ds-code", "1234");
        await page.ClickAsync("#three-ds-submit");
        await page.WaitForRedirectAsync(server.SuccessUrl);

        Assert.Equal("finished", (await server.GetAsync($"v2/checkout_sessions/{session["id"]}"))["status"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task Cancelling_returns_to_the_merchant_and_expires_the_session()
    {
        await using var server = await SimulatorServer.StartAsync();
        var (session, page) = await OpenCheckoutAsync(server);

        await page.ClickAsync("#cancel");
        await page.WaitForRedirectAsync(server.CancelUrl);

        Assert.Equal("expired", (await server.GetAsync($"v2/checkout_sessions/{session["id"]}"))["status"]!.GetValue<string>());
        await page.GotoAsync(session["redirect_url"]!.GetValue<string>());
        Assert.Equal("expired", await page.InnerTextAsync("#session-status"));
    }

    [BrowserFact]
    public async Task A_subscription_is_authorized_on_the_widget_page_with_the_security_device_account()
    {
        await using var server = await SimulatorServer.StartAsync();
        var intent = await server.PostAsync("v1/subscription_intents", new { reference_id = "mandate-1", business_profile = new { name = "Gimnasio Sur" } });
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync($"{server.BaseUrl}/simulator/widget/subscription_intents/{intent["id"]}?widget_token={Uri.EscapeDataString(intent["widget_token"]!.GetValue<string>())}");
        await EnrollPacAsync(page, "41614850-3", "813990168", "000000");
        await page.WaitForSelectorAsync("#result");

        var subscriptionId = await page.InnerTextAsync("#subscription-id");
        Assert.StartsWith("sub_", subscriptionId, StringComparison.Ordinal);
        Assert.Equal("pending", (await server.GetAsync($"v1/subscriptions/{subscriptionId}"))["status"]!.GetValue<string>());
        Assert.Equal("succeeded", (await server.GetAsync($"v1/subscription_intents/{intent["id"]}"))["status"]!.GetValue<string>());
    }

    private async Task<(System.Text.Json.Nodes.JsonNode Session, IPage Page)> OpenCheckoutAsync(SimulatorServer server)
    {
        var session = await server.CreateSetupSessionAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(session["redirect_url"]!.GetValue<string>());
        return (session, page);
    }

    private static async Task EnrollPacAsync(IPage page, string username, string account, string? code = null)
    {
        await page.FillAsync("#pac-username", username);
        await page.FillAsync("#pac-password", "jonsnow");
        await page.SelectOptionAsync("#pac-account", account);
        if (code is not null)
        {
            await page.FillAsync("#pac-mfa-code", code);
        }

        await page.ClickAsync("#pac-submit");
    }

    private static async Task EnterCardAsync(IPage page, string number, string? holder = null)
    {
        await page.FillAsync("#card-number", number);
        await page.FillAsync("#card-expiry", "12/30");
        await page.FillAsync("#card-cvv", "123");
        if (holder is not null)
        {
            await page.FillAsync("#card-holder", holder);
        }

        await page.ClickAsync("#card-submit");
    }
}
