using System.Net;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>Seed 000, step 4, end to end on the service with its embedded simulator, over HTTP only.</summary>
public sealed class ChargeFlowTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly ChargeFlow _flow;

    public ChargeFlowTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new ChargeFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData("pac")]
    [InlineData("card")]
    public async Task A_charge_on_an_active_method_is_accepted_submitted_once_and_succeeds(string type)
    {
        var (customerId, method) = await _flow.ActiveMethodAsync(type);
        var methodId = method["id"]!.GetValue<string>();

        var accepted = await _flow.ChargeAsync(customerId, methodId, 150_000);

        var chargeId = accepted["id"]!.GetValue<string>();
        Assert.Matches("^mp_ch_[0-9a-f]{32}$", chargeId);
        Assert.Equal("pending", accepted["status"]!.GetValue<string>());
        Assert.Equal(150_000, accepted["amount"]!.GetValue<long>());
        Assert.Equal("CLP", accepted["currency"]!.GetValue<string>());
        Assert.Equal(methodId, accepted["payment_method_id"]!.GetValue<string>());
        var submitted = await _flow.SubmittedEventuallyAsync(chargeId);
        var intentId = submitted["fintoc_payment_intent_id"]!.GetValue<string>();
        Assert.StartsWith("pi_", intentId, StringComparison.Ordinal);

        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        var succeeded = await _flow.StatusEventuallyAsync(chargeId, "succeeded");

        Assert.Null(succeeded["failure_reason"]);
        Assert.Null(succeeded["mismatch"]);
        Assert.NotNull(succeeded["settled_at"]);
        var ledger = (await _flow.LedgerAsync()).Where(entry => entry!["id"]!.GetValue<string>() == intentId).ToList();
        var entry = Assert.Single(ledger);
        Assert.Equal(150_000, entry!["amount"]!.GetValue<long>()); // CLP minor units are pesos: never times 100
        Assert.Equal("succeeded", entry["status"]!.GetValue<string>());
        var steps = (await _merchant.GetNodeAsync($"/v1/charges/{chargeId}/timeline"))!["data"]!.AsArray().Select(s => s!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["requested", "submitted", "succeeded"], steps);
        var listed = (await _merchant.GetNodeAsync($"/v1/charges?customer_id={customerId}&status=succeeded"))!["data"]!.AsArray();
        Assert.Equal(chargeId, Assert.Single(listed)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_magic_failing_amount_ends_failed_with_fintocs_reason()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("pac");

        var accepted = await _flow.ChargeAsync(customerId, method["id"]!.GetValue<string>(), 150_991);
        await _flow.SubmittedEventuallyAsync(accepted["id"]!.GetValue<string>());
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        var failed = await _flow.StatusEventuallyAsync(accepted["id"]!.GetValue<string>(), "failed");

        Assert.Equal("insufficient_funds", failed["failure_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dropped_connection_after_fintoc_committed_still_makes_exactly_one_payment_intent()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("card");
        await _flow.SetChaosAsync(new { timeout_after_commit = 1 });

        var accepted = await _flow.ChargeAsync(customerId, method["id"]!.GetValue<string>(), 42_000);
        var chargeId = accepted["id"]!.GetValue<string>();
        var submitted = await _flow.SubmittedEventuallyAsync(chargeId);
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        await _flow.StatusEventuallyAsync(chargeId, "succeeded");

        var intents = (await _flow.LedgerAsync()).Where(e => e!["object"]!.GetValue<string>() == "payment_intent").ToList();
        var intent = Assert.Single(intents);
        Assert.Equal(submitted["fintoc_payment_intent_id"]!.GetValue<string>(), intent!["id"]!.GetValue<string>());
        Assert.Equal("succeeded", intent["status"]!.GetValue<string>());
        Assert.Equal(0, (await _anonymous.GetNodeAsync("/simulator/test-helpers/chaos"))!["timeout_after_commit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fifty_concurrent_posts_with_one_key_make_one_charge_and_fifty_identical_answers()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("card");
        var body = ChargeFlow.Body(customerId, method["id"]!.GetValue<string>(), 7_000);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await _flow.PostAsync(body, "order-7000-attempt");
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, answer => Assert.Equal(202, answer.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        var chargeId = JsonNode.Parse(answers[0].Item2)!["id"]!.GetValue<string>();
        await _flow.SubmittedEventuallyAsync(chargeId);
        await _flow.Setup.SettledAsync();
        Assert.Single(await _flow.LedgerAsync(), e => e!["object"]!.GetValue<string>() == "payment_intent");
        var charges = (await _merchant.GetNodeAsync($"/v1/charges?customer_id={customerId}"))!["data"]!.AsArray();
        Assert.Equal(chargeId, Assert.Single(charges)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_repeat_replays_the_first_answer_and_another_body_with_the_key_is_409()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("card");
        var methodId = method["id"]!.GetValue<string>();
        var first = await _flow.ChargeAsync(customerId, methodId, 9_000, "order-9000");
        await _flow.SubmittedEventuallyAsync(first["id"]!.GetValue<string>());

        using var again = await _flow.PostAsync(ChargeFlow.Body(customerId, methodId, 9_000), "order-9000");
        using var other = await _flow.PostAsync(ChargeFlow.Body(customerId, methodId, 9_001), "order-9000");

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.ToJsonString(), (await Json.ReadAsync(again)).ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("idempotency_key_reused", (await Json.ReadAsync(other))["code"]!.GetValue<string>());
    }
}
