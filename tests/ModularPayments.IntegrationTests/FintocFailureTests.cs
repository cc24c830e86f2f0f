using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
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

    [Fact]
    public async Task A_parked_reaction_is_listed_for_operators_and_retried_on_request_once_fintoc_answers_again()
    {
        var fintoc = new FintocOutage();
        using var factory = new ApiFactory(
            new Dictionary<string, string?>
            {
                ["Reactors:MaxAttempts"] = "2",
                ["Reactors:FirstRetryDelay"] = "00:00:00.010",
                ["Reactors:MaxRetryDelay"] = "00:00:00.020",
            },
            services => services.AddHttpClient(FintocServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => fintoc.Over(((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())));
        using var merchant = factory.CreateMerchantClient();
        var customerId = (await Json.ReadAsync(await merchant.PostJsonAsync("/v1/customers", new { email = "outage@example.com" })))["id"]!.GetValue<string>();
        const string parkedUrl = "/admin/reactors/customers-fintoc-mirror/parked";

        var parked = await Eventually.GetAsync(
            async () => (await merchant.GetNodeAsync(parkedUrl))!["data"]!.AsArray() is { Count: 1 } list ? list[0] : null,
            TimeSpan.FromSeconds(30),
            "the mirroring parked");
        Assert.Equal("customers.customer_registered.v1", parked!["event_type"]!.GetValue<string>());
        Assert.Equal(2, parked["attempts"]!.GetValue<int>());
        Assert.DoesNotContain("sk_test", parked.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await merchant.GetNodeAsync("/v1/events?types=customers.customer_linked_to_fintoc"))!["data"]!.AsArray());

        fintoc.Refusing = false;
        var subject = Uri.EscapeDataString(parked["subject"]!.GetValue<string>());
        using (var retry = await merchant.PostAsync($"{parkedUrl}/{subject}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await Eventually.GetAsync(
            async () => (await merchant.GetNodeAsync("/v1/events?types=customers.customer_linked_to_fintoc"))!["data"]!.AsArray() is { Count: 1 } linked ? linked : null,
            TimeSpan.FromSeconds(30),
            $"customer {customerId} linked after the retry");
        await Eventually.GetAsync(
            async () => (await merchant.GetNodeAsync(parkedUrl))!["data"]!.AsArray().Count == 0
                && (await merchant.GetNodeAsync("/health"))!["reactors"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "customers-fintoc-mirror")!["parked"]!.GetValue<int>() == 0
                    ? "resolved" : null,
            TimeSpan.FromSeconds(30),
            "the parked reaction resolved");
        using var again = await merchant.PostAsync($"{parkedUrl}/{subject}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var unknown = await merchant.GetAsync("/admin/reactors/no-such-reactor/parked");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static HttpResponseMessage Refusal() => new(HttpStatusCode.Unauthorized)
    {
        Content = new StringContent("""{"error":{"type":"authentication_error","code":"invalid_api_key","message":"Invalid API key sk_test_..."}}""", Encoding.UTF8, "application/json"),
    };

    private sealed class RefusingFintoc : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Refusal());
    }

    /// <summary>Fintoc refusing every call until <see cref="Refusing"/> is turned off, then the simulator behind it.</summary>
    private sealed class FintocOutage
    {
        public volatile bool Refusing = true;

        public HttpMessageHandler Over(HttpMessageHandler simulator) => new Gate(this) { InnerHandler = simulator };

        private sealed class Gate(FintocOutage outage) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                outage.Refusing ? Task.FromResult(Refusal()) : base.SendAsync(request, cancellationToken);
        }
    }
}
