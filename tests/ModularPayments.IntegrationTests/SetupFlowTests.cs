using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.IntegrationTests;

/// <summary>Seed 000, steps 1 to 3, end to end on the service with its embedded simulator, over HTTP only.</summary>
public sealed class SetupFlowTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly SetupFlow _flow;

    public SetupFlowTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new SetupFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_pac_account_becomes_an_active_method_once_the_bank_confirms()
    {
        await _flow.WaitForWebhookEndpointAsync();
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "pac@example.com");
        var session = await _flow.CreateSessionAsync(customerId, "pac");

        Assert.Matches("^mp_setup_[0-9a-f]{32}$", session["id"]!.GetValue<string>());
        Assert.StartsWith("cs_", session["fintoc_checkout_session_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("open", session["status"]!.GetValue<string>());
        Assert.Contains("/simulator/checkout/", session["redirect_url"]!.GetValue<string>(), StringComparison.Ordinal);
        var linkedCustomer = await Eventually.GetAsync( // the customers read model follows the link a moment later
            async () => await _merchant.GetNodeAsync($"/v1/customers/{customerId}") is { } c && c["fintoc_customer_id"] is not null ? c : null,
            TimeSpan.FromSeconds(30),
            "the customer's Fintoc link in the read model");
        Assert.Equal(linkedCustomer!["fintoc_customer_id"]!.GetValue<string>(), session["fintoc_customer_id"]!.GetValue<string>());

        var completed = await _flow.CompleteAsync(session, SetupFlow.PacSuccess);
        Assert.Equal("succeeded", completed["outcome"]!.GetValue<string>());
        var finished = await _flow.SessionEventuallyAsync(session["id"]!.GetValue<string>(), "finished");
        var pending = await _flow.MethodEventuallyAsync(customerId, "pending");
        Assert.Equal(finished["payment_method_id"]!.GetValue<string>(), pending["id"]!.GetValue<string>());

        await _flow.AdvanceClockAsync(TimeSpan.FromDays(4));
        var active = await _flow.MethodEventuallyAsync(customerId, "active");

        Assert.Matches("^mp_pm_[0-9a-f]{32}$", active["id"]!.GetValue<string>());
        Assert.Equal("pac", active["type"]!.GetValue<string>());
        Assert.Equal(customerId, active["customer_id"]!.GetValue<string>());
        Assert.Equal(session["id"]!.GetValue<string>(), active["setup_session_id"]!.GetValue<string>());
        Assert.StartsWith("pm_", active["fintoc_payment_method_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("9212", active["account_last4"]!.GetValue<string>());
        Assert.NotNull(active["institution"]!["id"]);
        Assert.DoesNotContain("422159212", active.ToJsonString(), StringComparison.Ordinal);
        var byId = await _merchant.GetNodeAsync($"/v1/payment_methods/{active["id"]!.GetValue<string>()}");
        Assert.Equal("active", byId!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("plain card")]
    [InlineData("3-D Secure card")]
    public async Task A_card_is_active_as_soon_as_the_enrollment_succeeds(string which)
    {
        await _flow.WaitForWebhookEndpointAsync();
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "card@example.com");
        var session = await _flow.CreateSessionAsync(customerId, "card");

        await _flow.CompleteAsync(session, which == "plain card" ? SetupFlow.CardSuccess : SetupFlow.Card3ds);
        var active = await _flow.MethodEventuallyAsync(customerId, "active");

        Assert.Equal("card", active["type"]!.GetValue<string>());
        Assert.Equal(which == "plain card" ? "1111" : "0255", active["card"]!["last4"]!.GetValue<string>());
        Assert.DoesNotContain(which == "plain card" ? "4111111111111111" : "4456524869770255", active.ToJsonString(), StringComparison.Ordinal);
        await _flow.SessionEventuallyAsync(session["id"]!.GetValue<string>(), "finished");
    }

    [Theory]
    [InlineData("pac", "5233137377")]
    [InlineData("card", "4574441215190335")]
    public async Task A_failed_enrollment_leaves_no_usable_method_and_the_session_open(string type, string credential)
    {
        await _flow.WaitForWebhookEndpointAsync();
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "fail@example.com");
        var session = await _flow.CreateSessionAsync(customerId, type);

        var completed = await _flow.CompleteAsync(session, type == "pac" ? SetupFlow.PacFailure : SetupFlow.CardFailure);
        await _flow.AdvanceClockAsync(TimeSpan.FromHours(12)); // within the session's 24 hours
        await _flow.SettledAsync();

        Assert.NotEqual("succeeded", completed["outcome"]!.GetValue<string>());
        Assert.Empty(await _flow.MethodsAsync(customerId));
        var refreshed = await _merchant.PostAsync($"/v1/setup_sessions/{session["id"]!.GetValue<string>()}/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("open", (await Json.ReadAsync(refreshed))["status"]!.GetValue<string>());
        Assert.DoesNotContain(credential, (await _merchant.GetNodeAsync("/v1/payment_methods"))!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_payer_cancelling_expires_the_session_and_another_can_be_started()
    {
        await _flow.WaitForWebhookEndpointAsync();
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "cancel@example.com");
        var session = await _flow.CreateSessionAsync(customerId, "card");

        using var cancel = await _anonymous.PostAsync($"/simulator/test-helpers/checkout_sessions/{session["fintoc_checkout_session_id"]!.GetValue<string>()}/cancel", null);
        var expired = await _flow.SessionEventuallyAsync(session["id"]!.GetValue<string>(), "expired");
        var another = await _flow.CreateSessionAsync(customerId, "card");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Null(expired["payment_method_id"]);
        Assert.NotEqual(session["id"]!.GetValue<string>(), another["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_settles_the_session_when_the_webhooks_are_lost()
    {
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "lost@example.com");
        var session = await _flow.CreateSessionAsync(customerId, "card");
        // Every delivery fails: the endpoint is switched off on the simulator side by deleting it.
        await foreach (var endpoint in FintocEndpointsAsync())
        {
            using var deleted = await SimulatorAsync(HttpMethod.Delete, $"/simulator/v1/webhook_endpoints/{endpoint}");
        }

        await _flow.CompleteAsync(session, SetupFlow.CardSuccess);
        using var refresh = await _merchant.PostAsync($"/v1/setup_sessions/{session["id"]!.GetValue<string>()}/refresh", null);
        var refreshed = await Json.ReadAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("finished", refreshed["status"]!.GetValue<string>());
        var active = await _flow.MethodEventuallyAsync(customerId, "active");
        Assert.Equal(refreshed["payment_method_id"]!.GetValue<string>(), active["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Under_chaos_every_effect_happens_once_and_the_final_state_is_the_same()
    {
        await _flow.WaitForWebhookEndpointAsync();
        using var chaos = await _anonymous.PutAsJsonAsync("/simulator/test-helpers/chaos", new
        {
            duplicate_deliveries = true,
            reorder_deliveries = true,
            drop_first_attempt = true,
            delivery_delay_seconds = 2,
        });
        Assert.Equal(HttpStatusCode.OK, chaos.StatusCode);
        var customerId = await _flow.RegisterCustomerAsync(TestRuts.Next(), "chaos@example.com");
        var session = await _flow.CreateSessionAsync(customerId, "pac");

        await _flow.CompleteAsync(session, SetupFlow.PacSuccess);
        for (var i = 0; i < 12; i++)
        {
            await _flow.AdvanceClockAsync(TimeSpan.FromHours(12)); // plays the delays, the dropped first attempts and their retries
        }

        var active = await _flow.MethodEventuallyAsync(customerId, "active");
        var finished = await _flow.SessionEventuallyAsync(session["id"]!.GetValue<string>(), "finished");
        await _flow.SettledAsync();

        Assert.Equal(active["id"]!.GetValue<string>(), finished["payment_method_id"]!.GetValue<string>());
        var deliveries = (await _anonymous.GetNodeAsync("/simulator/test-helpers/deliveries"))!;
        Assert.True(deliveries.ToJsonString().Contains("\"duplicate\":true", StringComparison.Ordinal), "chaos should have duplicated deliveries");
        var methodStream = await StreamEventTypesAsync("payment_methods.payment_method-" + active["id"]!.GetValue<string>()["mp_pm_".Length..]);
        Assert.Single(methodStream, t => t.Contains("activated", StringComparison.Ordinal));
        var inbox = (await _merchant.GetNodeAsync("/admin/webhooks?limit=500"))!["data"]!.AsArray();
        Assert.All(inbox.GroupBy(w => w!["event_id"]!.GetValue<string>()), g => Assert.Single(g));
        Assert.Empty((await _merchant.GetNodeAsync("/admin/webhooks?status=parked"))!["data"]!.AsArray());
        Assert.Single(await _flow.MethodsAsync(customerId));
    }

    private async IAsyncEnumerable<string> FintocEndpointsAsync()
    {
        await _flow.WaitForWebhookEndpointAsync();
        using var list = await SimulatorAsync(HttpMethod.Get, "/simulator/v1/webhook_endpoints");
        foreach (var endpoint in (await Json.ReadAsync(list)).AsArray())
        {
            yield return endpoint!["id"]!.GetValue<string>();
        }
    }

    private Task<HttpResponseMessage> SimulatorAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", "sk_test_simulator");
        return _anonymous.SendAsync(request);
    }

    private async Task<List<string>> StreamEventTypesAsync(string stream)
    {
        var types = new List<string>();
        await foreach (var record in _factory.Services.GetRequiredService<IEventStore>().ReadStreamAsync(stream, ReadDirection.Forwards, 0, long.MaxValue))
        {
            types.Add(record.EventType);
        }

        Assert.NotEmpty(types);
        return types;
    }
}
