using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ModularPayments.BrowserTests;

/// <summary>A developer opens the interactive API reference of the running service.</summary>
public sealed class ApiReferenceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task The_docs_page_lists_the_customer_operations_asking_nothing_of_any_other_host()
    {
        await using var server = await ApiServer.StartAsync();
        var page = await browser.Browser.NewPageAsync();
        var elsewhere = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Enqueue($"{request.ResourceType} {request.Url}");
            }
        };

        var response = await page.GotoAsync($"{server.BaseUrl}/docs");
        await page.GetByText("Register a customer").First.WaitForAsync();

        Assert.True(response!.Ok);
        Assert.Equal("ModularPayments API", await page.TitleAsync());
        var text = await page.InnerTextAsync("body");
        Assert.Contains("Customers", text, StringComparison.Ordinal);
        Assert.Contains("List customers", text, StringComparison.Ordinal);
        Assert.Contains("/v1/customers/{id}", text, StringComparison.Ordinal);
        Assert.Contains("MerchantApiKey", text, StringComparison.Ordinal); // the key scheme the "Test Request" button sends
        Assert.Empty(elsewhere);
    }
}
