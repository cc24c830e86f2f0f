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

    [Fact]
    public async Task Killed_while_webhooks_are_being_processed_nothing_received_is_lost_and_nothing_applied_twice()
    {
        string customerId, sessionId;
        using (var first = await ServiceProcess.StartAsync(_dataDirectory))
        {
            using var merchant = Client(first);
            using var anonymous = new HttpClient { BaseAddress = first.BaseAddress };
            var flow = new SetupFlow(anonymous, merchant);
            await flow.WaitForWebhookEndpointAsync();
            customerId = await flow.RegisterCustomerAsync(TestRuts.Next(), "killed@example.com");
            var session = await flow.CreateSessionAsync(customerId, "card");
            sessionId = session["id"]!.GetValue<string>();

            await flow.CompleteAsync(session, SetupFlow.CardSuccess);
            // checkout_session.finished and payment_method.activated are acknowledged (stored in the inbox): kill at once,
            // while the reactor is still turning them into commands or has just done so.
            await Eventually.GetAsync(
                async () => (await merchant.GetNodeAsync("/admin/webhooks"))!["data"]!.AsArray().Count >= 2 ? "stored" : null,
                what: "both webhooks stored");
            first.KillHard();
        }

        using var second = await ServiceProcess.StartAsync(_dataDirectory);
        using var restarted = Client(second);
        using var anonymousAfter = new HttpClient { BaseAddress = second.BaseAddress };
        var after = new SetupFlow(anonymousAfter, restarted);
        var method = await after.MethodEventuallyAsync(customerId, "active");
        var finished = await after.SessionEventuallyAsync(sessionId, "finished");
        await after.SettledAsync();

        Assert.Equal(method["id"]!.GetValue<string>(), finished["payment_method_id"]!.GetValue<string>());
        Assert.Single(await after.MethodsAsync(customerId));
        var webhooks = (await restarted.GetNodeAsync("/admin/webhooks"))!["data"]!.AsArray();
        Assert.Equal(2, webhooks.Count);
        Assert.All(webhooks, w => Assert.Equal("processed", w!["status"]!.GetValue<string>()));
        foreach (var webhook in webhooks)
        {
            var history = (await restarted.GetNodeAsync($"/admin/webhooks/{webhook!["event_id"]!.GetValue<string>()}"))!["history"]!.AsArray();
            Assert.Single(history, h => h!["kind"]!.GetValue<string>() == "processed");
        }

        // The log itself: each effect once.
        var types = new List<string>();
        using var store = new ModularPayments.EventStore.Sqlite.SqliteEventStore(
            new ModularPayments.EventStore.Sqlite.SqliteEventStoreOptions { FilePath = Path.Combine(_dataDirectory, "events.db") }, TimeProvider.System);
        await foreach (var record in store.ReadAllAsync(0, long.MaxValue))
        {
            types.Add(record.EventType);
        }

        Assert.Single(types, t => t == "payment_methods.payment_method_activated.v1");
        Assert.Single(types, t => t == "payment_methods.payment_method_recorded.v1");
        Assert.Single(types, t => t == "payment_methods.setup_session_finished.v1");
        Assert.Single(types, t => t == "customers.customer_linked_to_fintoc.v1");
        Assert.Equal(2, types.Count(t => t == "webhooks.processed.v1"));
    }

    private static HttpClient Client(ServiceProcess service)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.DevelopmentKey);
        return client;
    }
}
