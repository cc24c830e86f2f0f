using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task A_webhook_refused_once_with_500_is_retried_3_seconds_later_and_every_attempt_is_signed()
    {
        await using var sim = await SimulatorHost.StartAsync();
        sim.Receiver.AnswerNext(500);

        var triggered = await sim.PostOkAsync("test-helpers/events/trigger", new { type = "payment_intent.succeeded", overrides = new { amount = 4321 } });
        var afterFirst = sim.Receiver.Received.Count;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(2));
        var afterTwoSeconds = sim.Receiver.Received.Count;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(1.5));

        Assert.Equal(1, afterFirst);
        Assert.Equal(1, afterTwoSeconds);
        Assert.Equal(2, sim.Receiver.Received.Count);
        Assert.All(sim.Receiver.Received, received =>
        {
            Assert.True(Signatures.IsValid(received.Signature, received.Body, SimulatorHost.WebhookSecret), received.Signature);
            Assert.Equal(SimulatorHost.WebhookUrl, received.Url);
        });
        Assert.Equal(sim.Receiver.Received[0].Body, sim.Receiver.Received[1].Body);
        var delivery = Assert.Single(await sim.DeliveriesAsync("payment_intent.succeeded"))!;
        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(triggered["id"]!.GetValue<string>(), delivery["event_id"]!.GetValue<string>());
        Assert.Equal([500, 200], delivery["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
        Assert.Equal(4321, JsonNode.Parse(sim.Receiver.Received[1].Body)!["data"]!["amount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_receiver_that_never_accepts_gets_17_retries_then_the_delivery_fails()
    {
        await using var sim = await SimulatorHost.StartAsync();
        sim.Receiver.AnswerNext([.. Enumerable.Repeat(503, 30)]);

        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "charge.failed" });
        await sim.AdvanceAsync(TimeSpan.FromDays(30));

        var delivery = Assert.Single(await sim.DeliveriesAsync())!;
        var attempts = delivery["attempts"]!.AsArray();
        Assert.Equal("failed", delivery["status"]!.GetValue<string>());
        Assert.Equal(18, attempts.Count);
        var times = attempts.Select(a => DateTimeOffset.Parse(a!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, (times[1] - times[0]).TotalSeconds, 2);
        Assert.Equal(6, (times[2] - times[1]).TotalSeconds, 2);
        Assert.Equal(12, (times[3] - times[2]).TotalSeconds, 2);
    }

    [Fact]
    public async Task Endpoints_registered_through_the_api_get_only_their_events_signed_with_their_secret()
    {
        await using var sim = await SimulatorHost.StartAsync(withConfiguredWebhook: false);
        var endpoint = await sim.PostOkAsync("v1/webhook_endpoints", new { url = "https://merchant.test/charges", enabled_events = new[] { "charge.succeeded" } });

        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "payment_intent.succeeded" });
        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "charge.succeeded" });

        var received = Assert.Single(sim.Receiver.Received);
        Assert.Equal("charge.succeeded", JsonNode.Parse(received.Body)!["type"]!.GetValue<string>());
        Assert.True(Signatures.IsValid(received.Signature, received.Body, endpoint["secret"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Chaos_duplicates_every_delivery()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", new { duplicate_deliveries = true }, key: null);

        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "payment_method.activated" });

        Assert.Equal(2, sim.Receiver.Received.Count);
        Assert.Equal(JsonNode.Parse(sim.Receiver.Received[0].Body)!["id"]!.GetValue<string>(), JsonNode.Parse(sim.Receiver.Received[1].Body)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chaos_drops_the_first_attempt_which_is_then_retried()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", new { drop_first_attempt = true }, key: null);

        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "charge.succeeded" });
        var beforeRetry = sim.Receiver.Received.Count;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(0, beforeRetry);
        Assert.Single(sim.Receiver.Received);
        var attempts = Assert.Single(await sim.DeliveriesAsync())!["attempts"]!.AsArray();
        Assert.Contains("dropped", attempts[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chaos_delays_deliveries()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", new { delivery_delay_seconds = 60 }, key: null);

        await sim.PostOkAsync("test-helpers/events/trigger", new { type = "charge.succeeded" });
        var early = sim.Receiver.Received.Count;
        await sim.AdvanceAsync(TimeSpan.FromSeconds(61));

        Assert.Equal(0, early);
        Assert.Single(sim.Receiver.Received);
    }

    [Fact]
    public async Task Chaos_reorders_deliveries_so_an_activation_overtakes_its_checkout()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", new { reorder_deliveries = true }, key: null);

        await sim.EnrollAsync(SimulatorHost.Card("4111111111111111"));
        await sim.AdvanceAsync(TimeSpan.FromSeconds(6));

        var types = sim.Receiver.Events().Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["payment_method.activated", "checkout_session.finished"], types);
    }

    [Fact]
    public async Task Chaos_answers_a_committed_post_with_a_dropped_connection_and_the_retry_replays_it()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", new { timeout_after_commit = 1 }, key: null);
        var body = new { email = "timeout@x.cl" };

        await Assert.ThrowsAnyAsync<Exception>(() => sim.SendAsync(HttpMethod.Post, "v2/customers", body, "create-timeout"));
        var (status, retried, response) = await sim.SendAsync(HttpMethod.Post, "v2/customers", body, "create-timeout");

        Assert.Equal(201, status);
        Assert.True(response.Headers.Contains("Idempotent-Replayed"));
        var all = (await sim.GetOkAsync("v2/customers")).AsArray();
        Assert.Equal(retried!["id"]!.GetValue<string>(), Assert.Single(all)!["id"]!.GetValue<string>());
        Assert.Equal(0, (await sim.GetOkAsync("test-helpers/chaos"))["timeout_after_commit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"duplicate_deliveries\":\"yes\"}", "duplicate_deliveries")]
    [InlineData("{\"delivery_delay_seconds\":-1}", "delivery_delay_seconds")]
    [InlineData("{\"explode\":true}", "explode")]
    public async Task Bad_chaos_settings_are_400_naming_the_setting(string body, string param)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, json, _) = await sim.SendAsync(HttpMethod.Put, "test-helpers/chaos", body, key: null);

        Assert.Equal(400, status);
        Assert.Equal(param, json!["error"]!["param"]!.GetValue<string>());
    }
}
