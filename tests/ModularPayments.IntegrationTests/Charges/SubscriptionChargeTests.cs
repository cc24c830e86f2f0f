using System.Net;
using System.Net.Http.Json;
using ModularPayments.IntegrationTests.Mandates;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>
/// Seed 003's v1 charges on an active PAC subscription through our charge API (as Mandates asks): only on a subscription
/// authorized through a live mandate of the same customer.
/// </summary>
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
        var subscriptionId = await ActiveSubscriptionAsync(customerId);

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
    public async Task A_subscription_not_authorized_through_a_mandate_of_this_customer_is_refused_before_anything_is_recorded()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var owner = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "sub-owner@example.com");
        var stranger = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "sub-stranger@example.com");
        var subscriptionId = await ActiveSubscriptionAsync(owner);

        foreach (var (customerId, subscription) in new[] { (stranger, subscriptionId), (owner, "sub_unknown") })
        {
            using var response = await _flow.PostAsync(new { customer_id = customerId, subscription_id = subscription, amount = 5_000, currency = "CLP" });
            var problem = await Json.ReadAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("unknown_subscription", problem["code"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]!["subscription_id"]);
        }

        Assert.Empty((await _merchant.GetNodeAsync($"/v1/charges?customer_id={stranger}"))!["data"]!.AsArray());
        Assert.DoesNotContain(await _flow.LedgerAsync(), e => e!["object"]!.GetValue<string>() == "charge");
    }

    [Fact]
    public async Task The_subscription_of_a_canceled_mandate_is_not_charged_any_more()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "sub-ended@example.com");
        var subscriptionId = await ActiveSubscriptionAsync(customerId);
        var mandateId = (await _merchant.GetNodeAsync($"/v1/mandates?customer_id={customerId}"))!["data"]![0]!["id"]!.GetValue<string>();
        (await _merchant.PostAsync($"/v1/mandates/{mandateId}/cancel", null)).EnsureSuccessStatusCode();

        using var response = await _flow.PostAsync(new { customer_id = customerId, subscription_id = subscriptionId, amount = 5_000, currency = "CLP" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("subscription_not_active", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
    }

    /// <summary>
    /// A PAC mandate authorized by the payer and active a few business days later: its subscription is the one this
    /// customer may be charged on. Its first period is months away, so the billing engine adds no charge of its own.
    /// </summary>
    private async Task<string> ActiveSubscriptionAsync(string customerId)
    {
        var mandates = new MandateFlow(_anonymous, _merchant);
        var today = ModularPayments.BuildingBlocks.Domain.Calendar.ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"]));
        var start = today.AddDays(90);
        var mandate = await mandates.CreateAsync(MandateFlow.PacMandate(customerId, 20_000, new { frequency = "monthly", day_of_month = start.Day, start_date = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));
        var mandateId = mandate["id"]!.GetValue<string>();
        await mandates.AuthorizeAsync(mandate["authorization"]!["subscription_intent_id"]!.GetValue<string>(), MandateFlow.PacAuthorization);
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(6));
        var active = await mandates.EventuallyAsync(mandateId, m => m["status"]!.GetValue<string>() == "active", "the mandate active");
        return active["authorization"]!["subscription_id"]!.GetValue<string>();
    }
}
