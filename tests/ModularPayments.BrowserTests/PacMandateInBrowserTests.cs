using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

/// <summary>
/// Seed 003 as a payer lives it: the merchant creates a PAC mandate on our API, the payer authorizes it in Chromium on
/// the simulator's widget page at the mandate's <c>authorization_url</c>, and the service bills it no earlier than 72
/// hours after the authorization; a refused account fails the mandate.
/// </summary>
public sealed class PacMandateInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_mandate_authorized_on_the_widget_page_is_first_charged_72_hours_later_and_succeeds()
    {
        await using var service = await ApiServer.StartAsync();
        using var api = MerchantApi.For(service);
        var mandate = await CreatePacMandateAsync(api, "11.111.111-1");

        var page = await AuthorizeOnWidgetAsync(service, mandate, "813990168");
        await page.WaitForSelectorAsync("#result");

        var id = mandate["id"]!.GetValue<string>();
        var authorized = await MandateEventuallyAsync(api, id, m => m["authorization"]?["authorized_at"] is not null);
        var authorizedAt = Time(authorized["authorization"]!["authorized_at"]);
        Assert.Equal(await page.InnerTextAsync("#subscription-id"), authorized["authorization"]!["subscription_id"]!.GetValue<string>());

        await AdvanceClockAsync(api, TimeSpan.FromDays(4));
        var active = await MandateEventuallyAsync(api, id, m => m["status"]!.GetValue<string>() == "active");
        var firstCharge = Time(active["next_charge_at"]);
        Assert.True(firstCharge >= authorizedAt.AddHours(72), $"first charge at {firstCharge:O}, authorized at {authorizedAt:O}");

        await AdvanceClockAsync(api, firstCharge - await NowAsync(api) + TimeSpan.FromSeconds(1));
        var charged = await MandateEventuallyAsync(api, id, m => m["last_charge"] is not null, runBilling: true);
        Assert.True(Time(charged["last_charge"]!["requested_at"]) >= authorizedAt.AddHours(72));
        // The attempt is recorded; Charges submits it a moment later. Once it is in Fintoc's ledger, move past its
        // settlement (the cut-off and two business days). The next weekly period may be billed by then, so the first
        // charge is followed by its period, not as the mandate's last charge.
        var firstPeriod = charged["last_charge"]!["period"]!.GetValue<int>();
        var submitted = await MerchantApi.EventuallyAsync(async () =>
            (await api.GetFromJsonAsync<JsonNode>("/simulator/test-helpers/ledger"))!.AsArray()
                .FirstOrDefault(e => e!["subscription_id"]?.GetValue<string>() == authorized["authorization"]!["subscription_id"]!.GetValue<string>()));
        await AdvanceClockAsync(api, Time(submitted["settles_at"]) - await NowAsync(api) + TimeSpan.FromMinutes(1));
        var paid = await MerchantApi.EventuallyAsync(async () =>
            (await api.GetFromJsonAsync<JsonNode>($"/v1/mandates/{id}/charges"))!["data"]!.AsArray()
                .FirstOrDefault(c => c!["period"]!.GetValue<int>() == firstPeriod && c["status"]!.GetValue<string>() == "succeeded"));
        Assert.Equal(charged["last_charge"]!["charge_id"]!.GetValue<string>(), paid["charge_id"]!.GetValue<string>());
        Assert.Equal("active", (await api.GetFromJsonAsync<JsonNode>($"/v1/mandates/{id}"))!["status"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task The_bank_refusing_the_account_on_the_widget_page_fails_the_mandate()
    {
        await using var service = await ApiServer.StartAsync();
        using var api = MerchantApi.For(service);
        var mandate = await CreatePacMandateAsync(api, "11.111.111-1");

        var page = await AuthorizeOnWidgetAsync(service, mandate, "5233137377");
        await page.WaitForSelectorAsync("#error");

        var failed = await MandateEventuallyAsync(api, mandate["id"]!.GetValue<string>(), m => m["status"]!.GetValue<string>() == "failed");
        Assert.Null(failed["next_charge_at"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(await page.InnerTextAsync("#error-reason")));
    }

    private static async Task<JsonNode> CreatePacMandateAsync(HttpClient api, string rut)
    {
        await MerchantApi.WaitForWebhookEndpointAsync(api);
        var customer = await MerchantApi.PostAsync(api, "/v1/customers", new { name = "Felipe Castro", email = "felipe@example.com", tax_id = new { type = "cl_rut", value = rut } });
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await NowAsync(api), TimeZoneInfo.FindSystemTimeZoneById("America/Santiago")).DateTime);
        return await MerchantApi.PostAsync(api, "/v1/mandates", new
        {
            customer_id = customer["id"]!.GetValue<string>(),
            instrument = new { type = "pac_subscription" },
            amount = 19_990,
            currency = "CLP",
            schedule = new { frequency = "weekly", weekday = today.AddDays(1).DayOfWeek.ToString().ToLowerInvariant(), start_date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            reference_id = "gym42",
        });
    }

    /// <summary>The payer opens the mandate's authorization page and signs in with Fintoc's test PAC user and security code.</summary>
    private async Task<IPage> AuthorizeOnWidgetAsync(ApiServer service, JsonNode mandate, string account)
    {
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(service.BaseUrl + mandate["authorization"]!["authorization_url"]!.GetValue<string>());
        await page.FillAsync("#pac-username", "41614850-3");
        await page.FillAsync("#pac-password", "jonsnow");
        await page.SelectOptionAsync("#pac-account", account);
        await page.FillAsync("#pac-mfa-code", "000000");
        await page.ClickAsync("#pac-submit");
        return page;
    }

    private static async Task<JsonNode> MandateEventuallyAsync(HttpClient api, string mandateId, Func<JsonNode, bool> condition, bool runBilling = false) =>
        await MerchantApi.EventuallyAsync(async () =>
        {
            if (runBilling)
            {
                (await api.PostAsync("/admin/mandates/billing-runs", null)).EnsureSuccessStatusCode();
            }

            var mandate = (await api.GetFromJsonAsync<JsonNode>($"/v1/mandates/{mandateId}"))!;
            return condition(mandate) ? mandate : null;
        });

    private static async Task<DateTimeOffset> NowAsync(HttpClient api) => Time((await api.GetFromJsonAsync<JsonNode>("/simulator/test-helpers/clock"))!["now"]);

    private static async Task AdvanceClockAsync(HttpClient api, TimeSpan by) =>
        (await api.PostAsJsonAsync("/simulator/test-helpers/clock/advance", new { seconds = (long)Math.Ceiling(by.TotalSeconds) })).EnsureSuccessStatusCode();

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
