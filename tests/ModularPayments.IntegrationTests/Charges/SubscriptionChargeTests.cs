using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>Seed 003's v1 charges on an active PAC subscription, through our charge API (as Mandates will ask).</summary>
public sealed class SubscriptionChargeTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly ChargeFlow _flow;

    public SubscriptionChargeTests()
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

    [Fact]
    public async Task Subscription_charges_are_v1_charges_processed_at_the_cut_off_and_end_with_fintocs_failure_code()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "pac-sub@example.com");
        var subscriptionId = await ActiveSubscriptionAsync();

        var charges = new List<string>();
        foreach (var amount in new[] { 20_000L, 20_991L })
        {
            using var response = await _flow.PostAsync(new { customer_id = customerId, subscription_id = subscriptionId, amount, currency = "CLP" });
            var body = await Json.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
            Assert.Equal("subscription_charge", body["type"]!.GetValue<string>());
            charges.Add(body["id"]!.GetValue<string>());
        }

        foreach (var chargeId in charges)
        {
            var submitted = await _flow.SubmittedEventuallyAsync(chargeId);
            Assert.StartsWith("ch_", submitted["fintoc_charge_id"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("pending", submitted["status"]!.GetValue<string>());
        }

        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(10));

        await _flow.StatusEventuallyAsync(charges[0], "succeeded");
        var failed = await _flow.StatusEventuallyAsync(charges[1], "failed");
        Assert.Equal("insufficient_funds", failed["failure_reason"]!.GetValue<string>());
        Assert.Equal(2, (await _flow.LedgerAsync()).Count(e => e!["object"]!.GetValue<string>() == "charge"));
    }

    [Fact]
    public async Task A_subscription_fintoc_does_not_know_fails_the_charge_with_fintocs_code()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "no-sub@example.com");

        using var response = await _flow.PostAsync(new { customer_id = customerId, subscription_id = "sub_unknown", amount = 5_000, currency = "CLP" });
        var chargeId = (await Json.ReadAsync(response))["id"]!.GetValue<string>();
        var failed = await _flow.StatusEventuallyAsync(chargeId, "failed");

        Assert.False(string.IsNullOrEmpty(failed["failure_reason"]!.GetValue<string>()));
        Assert.Null(failed["fintoc_charge_id"]);
    }

    /// <summary>What Mandates will do: a subscription intent authorized by the payer, active a few business days later.</summary>
    private async Task<string> ActiveSubscriptionAsync()
    {
        var fintoc = _factory.Services.GetRequiredService<IFintocClient>();
        var intent = await fintoc.SubscriptionIntents.CreateAsync(new CreateSubscriptionIntentRequest(ReferenceId: "mandate-1"), "si-" + Guid.NewGuid().ToString("N"));
        using var authorized = await _anonymous.PostAsJsonAsync(
            $"/simulator/test-helpers/subscription_intents/{intent.Id}/authorize",
            new { pac = new { username = "11.111.111-1", password = "jonsnow", account_number = "813990168", mfa_code = "000000" } });
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(6));
        var subscriptionId = (await fintoc.SubscriptionIntents.GetAsync(intent.Id)).Subscription!.Id;
        Assert.Equal(FintocStatuses.Active, (await fintoc.Subscriptions.GetAsync(subscriptionId)).Status);
        return subscriptionId;
    }
}
