using System.Text.Json.Nodes;
using ModularPayments.BuildingBlocks.Domain.Calendar;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>Seed 003 end to end: a PAC subscription mandate authorized on the simulator, activated, charged after 72 hours.</summary>
public sealed class PacMandateTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly MandateFlow _flow;

    public PacMandateTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new MandateFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_pac_subscription_is_authorized_activated_and_first_charged_no_earlier_than_72_hours_after_authorization()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "pac@example.com");
        var today = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"]));
        var created = await _flow.CreateAsync(MandateFlow.PacMandate(customerId, 19_990, new { frequency = "weekly", weekday = today.AddDays(1).DayOfWeek.ToString().ToLowerInvariant(), start_date = today.ToString("yyyy-MM-dd") }), "pac-mandate-1");
        var mandateId = created["id"]!.GetValue<string>();
        var authorization = created["authorization"]!;
        var intentId = authorization["subscription_intent_id"]!.GetValue<string>();

        Assert.Equal("pending_authorization", created["status"]!.GetValue<string>());
        Assert.StartsWith("si_", intentId, StringComparison.Ordinal);
        var widgetToken = authorization["widget_token"]!.GetValue<string>();
        Assert.Equal($"/simulator/widget/subscription_intents/{intentId}?widget_token={Uri.EscapeDataString(widgetToken)}", authorization["authorization_url"]!.GetValue<string>());
        using (var page = await _anonymous.GetAsync(authorization["authorization_url"]!.GetValue<string>()))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        }

        var replay = await _flow.CreateAsync(MandateFlow.PacMandate(customerId, 19_990, new { frequency = "weekly", weekday = today.AddDays(1).DayOfWeek.ToString().ToLowerInvariant(), start_date = today.ToString("yyyy-MM-dd") }), "pac-mandate-1");
        Assert.Equal(intentId, replay["authorization"]!["subscription_intent_id"]!.GetValue<string>());

        var authorized = await _flow.AuthorizeAsync(intentId, MandateFlow.PacAuthorization);
        Assert.Equal("succeeded", authorized["outcome"]!.GetValue<string>());
        var subscriptionId = authorized["subscription"]!["id"]!.GetValue<string>();
        var withAuthorization = await _flow.EventuallyAsync(mandateId, m => m["authorization"]?["authorized_at"] is not null, "authorized");
        var authorizedAt = MandateFlow.Time(withAuthorization["authorization"]!["authorized_at"]);
        Assert.Equal(subscriptionId, withAuthorization["authorization"]!["subscription_id"]!.GetValue<string>());

        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(4));
        var active = await _flow.EventuallyAsync(mandateId, m => m["status"]!.GetValue<string>() == "active", "active");
        var nextChargeAt = MandateFlow.Time(active["next_charge_at"]);
        Assert.True(nextChargeAt >= authorizedAt.AddHours(72), $"first charge at {nextChargeAt:O}, authorized at {authorizedAt:O}");

        await _flow.AdvanceUntilAsync(nextChargeAt);
        await _flow.BillUntilAsync(mandateId, m => m["last_charge"] is not null, "charged");
        var charge = await Eventually.GetAsync(async () => (await _flow.LedgerForAsync("subscription_id", subscriptionId)).SingleOrDefault(), TimeSpan.FromSeconds(30), "the subscription charge in the ledger");
        Assert.Equal(19_990, charge["amount"]!.GetValue<long>());
        var requestedAt = MandateFlow.Time((await _flow.ChargesAsync(mandateId))[0]!["requested_at"]);
        Assert.True(requestedAt >= authorizedAt.AddHours(72));
        var processesAt = MandateFlow.Time(charge["processes_at"]);
        Assert.True(MandateFlow.Time((await _flow.ChargesAsync(mandateId))[0]!["expected_processing_at"]) == processesAt, $"ours {(await _flow.ChargesAsync(mandateId))[0]!.ToJsonString()} simulator {charge.ToJsonString()}");

        await _flow.AdvanceUntilAsync(MandateFlow.Time(charge["settles_at"]).AddMinutes(1));
        var paid = await _flow.EventuallyAsync(mandateId, m => MandateFlow.LastChargeStatus(m) == "succeeded", "first charge succeeded");
        Assert.Equal(paid["last_charge"]!["period"]!.GetValue<int>() + 1, paid["current_period"]!.GetValue<int>());
        Assert.True(paid["last_charge"]!["period"]!.GetValue<int>() >= 2, "the period due the day after authorization moved past the 72 hours");
        Assert.NotNull(paid["last_charge"]!["expected_payout_at"]);
        var feed = (await _merchant.GetNodeAsync("/v1/events?limit=100"))!["data"]!.AsArray();
        var ours = feed.Where(e => e!["data"]!["mandate_id"]?.GetValue<string>() == mandateId).ToList();
        var activatedEvent = Assert.Single(ours, e => e!["type"]!.GetValue<string>() == "mandates.mandate_activated")!;
        var settledEvent = ours.First(e => e!["type"]!.GetValue<string>() == "mandates.mandate_period_settled")!;
        Assert.Equal((mandateId, customerId), (activatedEvent["data"]!["mandate_id"]!.GetValue<string>(), activatedEvent["data"]!["customer_id"]!.GetValue<string>()));
        Assert.Equal(customerId, settledEvent["data"]!["customer_id"]!.GetValue<string>());
        Assert.Equal(paid["last_charge"]!["charge_id"]!.GetValue<string>(), settledEvent["data"]!["charge_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_authorization_fails_the_mandate_and_a_bank_cancellation_ends_it()
    {
        await _flow.Setup.WaitForWebhookEndpointAsync();
        var customerId = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "pac@example.com");
        var schedule = new { frequency = "monthly", day_of_month = 5, start_date = "2027-01-01" };
        var failing = await _flow.CreateAsync(MandateFlow.PacMandate(customerId, 19_990, schedule));
        var canceling = await _flow.CreateAsync(MandateFlow.PacMandate(customerId, 19_993, schedule));

        var refused = await _flow.AuthorizeAsync(failing["authorization"]!["subscription_intent_id"]!.GetValue<string>(), MandateFlow.PacFailingAuthorization);
        Assert.Equal("failed", refused["outcome"]!.GetValue<string>());
        var failed = await _flow.EventuallyAsync(failing["id"]!.GetValue<string>(), m => m["status"]!.GetValue<string>() == "failed", "failed");
        Assert.NotNull(failed["status_reason"]);

        var subscriptionId = (await _flow.AuthorizeAsync(canceling["authorization"]!["subscription_intent_id"]!.GetValue<string>(), MandateFlow.PacAuthorization))["subscription"]!["id"]!.GetValue<string>();
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(4));
        await _flow.EventuallyAsync(canceling["id"]!.GetValue<string>(), m => m["status"]!.GetValue<string>() == "active", "active");
        using (var trigger = await _anonymous.PostAsync("/simulator/test-helpers/events/trigger", Json.Body(new { type = "subscription.canceled", overrides = new { id = subscriptionId, status = "canceled" } })))
        {
            Assert.True(trigger.IsSuccessStatusCode);
        }

        var ended = await _flow.EventuallyAsync(canceling["id"]!.GetValue<string>(), m => m["status"]!.GetValue<string>() == "canceled", "canceled by the bank");
        Assert.Equal("subscription_canceled", ended["status_reason"]!.GetValue<string>());
        var listed = (await _merchant.GetNodeAsync($"/v1/mandates?customer_id={customerId}&status=failed"))!["data"]!.AsArray();
        Assert.Equal(failing["id"]!.GetValue<string>(), Assert.Single(listed)!["id"]!.GetValue<string>());
    }
}
