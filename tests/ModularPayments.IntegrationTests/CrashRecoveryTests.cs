using System.Net;
using System.Net.Http.Headers;

namespace ModularPayments.IntegrationTests;

public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => ApiFactory.TryDeleteDirectory(_dataDirectory);

    [Fact]
    public async Task A_customer_acknowledged_with_201_survives_kill_9_and_the_read_model_catches_up()
    {
        var ids = new List<string>();
        using (var first = await ServiceProcess.StartAsync(_dataDirectory))
        {
            using var client = Client(first);
            for (var i = 0; i < 20; i++)
            {
                var response = await client.PostJsonAsync("/v1/customers", new { email = $"crash{i}@example.com", tax_id = new { type = "cl_rut", value = TestRuts.Next() } });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                ids.Add((await Json.ReadAsync(response))["id"]!.GetValue<string>());
            }

            first.KillHard(); // straight after the last 201: the projection may not have seen it yet
        }

        using var second = await ServiceProcess.StartAsync(_dataDirectory);
        using var restarted = Client(second);
        foreach (var id in ids)
        {
            var customer = await Eventually.GetAsync(
                async () => (await restarted.GetAsync($"/v1/customers/{id}")) is { StatusCode: HttpStatusCode.OK } ok ? await Json.ReadAsync(ok) : null,
                what: $"customer {id} after the restart");
            Assert.Equal(id, customer["id"]!.GetValue<string>());
        }

        var listed = (await restarted.GetNodeAsync("/v1/customers?limit=100"))!["data"]!.AsArray();
        Assert.Equal(ids.Count, listed.Count);
        // Each customer is mirrored to Fintoc by a reactor: those not yet linked at the kill are linked after the restart,
        // and none twice (registered + tax-id claim + one link each).
        foreach (var id in ids)
        {
            await Eventually.GetAsync(
                async () => (await restarted.GetNodeAsync($"/v1/customers/{id}"))?["fintoc_customer_id"]?.GetValue<string>(),
                what: $"customer {id} linked to Fintoc after the restart");
        }

        var health = (await restarted.GetNodeAsync("/health"))!;
        Assert.Equal(ids.Count * 3, health["event_store"]!["head_position"]!.GetValue<long>());
    }

    private static HttpClient Client(ServiceProcess service)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.DevelopmentKey);
        return client;
    }
}
