using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc;

namespace ModularPayments.IntegrationTests;

/// <summary>When Fintoc refuses our calls: the merchant gets a 502 naming Fintoc's code, and background work is parked, not lost.</summary>
public sealed class FintocFailureTests
{
    [Fact]
    public async Task A_refusing_fintoc_gives_502_on_the_request_and_parks_the_background_mirroring()
    {
        using var factory = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["Reactors:MaxAttempts"] = "2",
                ["Reactors:FirstRetryDelay"] = "00:00:00.010",
                ["Reactors:MaxRetryDelay"] = "00:00:00.020",
            },
            services => services.AddHttpClient(FintocServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new RefusingFintoc()));
        using var merchant = factory.CreateMerchantClient();
        var customer = await Json.ReadAsync(await merchant.PostJsonAsync("/v1/customers", new { email = "refused@example.com" }));

        using var response = await merchant.PostJsonAsync("/v1/setup_sessions", new
        {
            customer_id = customer["id"]!.GetValue<string>(),
            currency = "CLP",
            success_url = "https://merchant.example/ok",
            cancel_url = "https://merchant.example/ko",
        });
        var problem = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("payments_provider_error", problem["code"]!.GetValue<string>());
        Assert.Equal("invalid_api_key", problem["fintoc_code"]!.GetValue<string>());
        Assert.DoesNotContain("sk_test", problem.ToJsonString(), StringComparison.Ordinal);
        var mirror = await Eventually.GetAsync(
            async () => (await merchant.GetNodeAsync("/health"))!["reactors"]!.AsArray()
                .FirstOrDefault(r => r!["name"]!.GetValue<string>() == "customers-fintoc-mirror" && r["parked"]!.GetValue<int>() == 1),
            TimeSpan.FromSeconds(30),
            "the mirroring of the customer parked");
    }

    private sealed class RefusingFintoc : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"error":{"type":"authentication_error","code":"invalid_api_key","message":"Invalid API key sk_test_..."}}""", Encoding.UTF8, "application/json"),
            });
    }
}
