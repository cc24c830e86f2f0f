using System.Net;
using System.Net.Sockets;

namespace ModularPayments.IntegrationTests.Campaigns;

/// <summary>An EventStoreDB cluster with no node to take a write within the failover bound is a 503 with Retry-After, not a 500 (ADR 0018).</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task A_write_the_store_cannot_take_within_its_failover_bound_is_a_503_with_retry_after()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = $"esdb://127.0.0.1:{UnusedPort()},127.0.0.1:{UnusedPort()}?tls=false&failoverTimeout=300",
        });
        using var merchant = factory.CreateMerchantClient();

        using var response = await merchant.PostJsonAsync("/v1/customers", new { email = "nobody-leads@example.com" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var problem = await Json.ReadAsync(response);
        Assert.Equal("store_unavailable", problem["code"]!.GetValue<string>());
        Assert.DoesNotContain("127.0.0.1", problem.ToJsonString(), StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
