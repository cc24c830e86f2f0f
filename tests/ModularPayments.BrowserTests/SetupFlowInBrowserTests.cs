using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

/// <summary>
/// The whole setup flow as a merchant and a payer live it: our API creates the session, a payer fills in the page at
/// <c>redirect_url</c> in Chromium, the browser lands on the merchant's <c>success_url</c>, and the method turns active.
/// </summary>
public sealed class SetupFlowInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_payer_saves_a_card_on_the_hosted_page_and_the_merchant_sees_it_active()
    {
        await using var service = await ApiServer.StartAsync();
        await using var merchantSite = await MerchantSite.StartAsync();
        using var api = MerchantApi.For(service);
        await MerchantApi.WaitForWebhookEndpointAsync(api);

        var customer = await MerchantApi.PostAsync(api, "/v1/customers", new { name = "Felipe Castro", email = "felipe@example.com", tax_id = new { type = "cl_rut", value = "11.111.111-1" } });
        var session = await MerchantApi.PostAsync(api, "/v1/setup_sessions", new
        {
            customer_id = customer["id"]!.GetValue<string>(),
            currency = "CLP",
            success_url = merchantSite.SuccessUrl,
            cancel_url = merchantSite.CancelUrl,
            payment_method_types = new[] { "card" },
        });

        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(session["redirect_url"]!.GetValue<string>());
        await page.FillAsync("#card-number", "4111 1111 1111 1111");
        await page.FillAsync("#card-expiry", "12/30");
        await page.FillAsync("#card-cvv", "123");
        await page.FillAsync("#card-holder", "Felipe Castro");
        await page.ClickAsync("#card-submit");
        await page.WaitForRedirectAsync(merchantSite.SuccessUrl);

        Assert.Equal("Merchant: success", await page.InnerTextAsync("#merchant"));
        var method = await MerchantApi.EventuallyAsync(async () =>
        {
            var list = (await api.GetFromJsonAsync<JsonNode>($"/v1/payment_methods?customer_id={customer["id"]}&status=active"))!["data"]!.AsArray();
            return list.Count == 1 ? list[0] : null;
        });
        Assert.Equal("card", method!["type"]!.GetValue<string>());
        Assert.Equal("1111", method["card"]!["last4"]!.GetValue<string>());
        var finished = await api.GetFromJsonAsync<JsonNode>($"/v1/setup_sessions/{session["id"]}");
        Assert.Equal("finished", finished!["status"]!.GetValue<string>());
        Assert.Equal(method["id"]!.GetValue<string>(), finished["payment_method_id"]!.GetValue<string>());
    }

    /// <summary>A stand-in for the merchant's own site: where the payer comes back to.</summary>
    private sealed class MerchantSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private MerchantSite(WebApplication app, string baseUrl)
        {
            _app = app;
            SuccessUrl = baseUrl + "/merchant/success";
            CancelUrl = baseUrl + "/merchant/cancel";
        }

        public string SuccessUrl { get; }

        public string CancelUrl { get; }

        public static async Task<MerchantSite> StartAsync()
        {
            var app = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]).Build();
            app.MapGet("/merchant/{outcome}", (string outcome) => Results.Content($"<html><body><h1 id=\"merchant\">Merchant: {outcome}</h1></body></html>", "text/html"));
            await app.StartAsync();
            return new MerchantSite(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
