using System.Text.Json.Nodes;
using ModularPayments.BuildingBlocks.Domain.Calendar;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>Recurring billing end to end on the service with its embedded simulator and the shared clock, over HTTP only.</summary>
public sealed class MandateBillingTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly MandateFlow _flow;

    public MandateBillingTests()
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
    public async Task A_monthly_mandate_on_the_31st_is_charged_once_per_period_through_a_simulated_year()
    {
        var (customerId, method) = await _flow.Charges.ActiveMethodAsync("card");
        var start = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"])).AddDays(1);
        var mandate = await _flow.CreateAsync(MandateFlow.MethodMandate(customerId, method["id"]!.GetValue<string>(), 25_000, new { frequency = "monthly", day_of_month = 31, start_date = start.ToString("yyyy-MM-dd") }));
        var mandateId = mandate["id"]!.GetValue<string>();
        Assert.Equal("active", mandate["status"]!.GetValue<string>());

        for (var period = 1; period <= 12; period++)
        {
            var current = await _flow.GetAsync(mandateId);
            Assert.Equal(period, current["current_period"]!.GetValue<int>());
            await _flow.AdvanceUntilAsync(MandateFlow.Time(current["next_charge_at"]));
            var expected = period;
            await _flow.BillUntilAsync(mandateId, m => m["last_charge"]?["period"]?.GetValue<int>() == expected, $"period {period} requested");
            Assert.Equal(0, (await _flow.RunBillingAsync())["submitted"]!.GetValue<int>()); // another run at the same instant records nothing
            await Eventually.GetAsync(async () => (await _flow.LedgerForAsync("payment_method", method["fintoc_payment_method_id"]!.GetValue<string>())).Count == expected ? "ok" : null, TimeSpan.FromSeconds(30), $"payment intent {period} in the ledger");
            await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(30));
            await _flow.EventuallyAsync(mandateId, m => m["current_period"]?.GetValue<int>() == expected + 1, $"period {period} paid");
        }

        var charges = await _flow.ChargesAsync(mandateId);
        Assert.Equal(Enumerable.Range(1, 12), charges.Select(c => c!["period"]!.GetValue<int>()));
        Assert.All(charges, c => Assert.Equal("succeeded", c!["status"]!.GetValue<string>()));
        Assert.Equal(12, charges.Select(c => c!["charge_id"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains(charges, c => c!["due_date"]!.GetValue<string>().EndsWith("-02-28", StringComparison.Ordinal) || c["due_date"]!.GetValue<string>().EndsWith("-02-29", StringComparison.Ordinal));
        Assert.All(charges, c =>
        {
            var processing = MandateFlow.Time(c!["expected_processing_at"]);
            var day = ChileBankingCalendar.LocalDate(processing);
            Assert.True(ChileBankingCalendar.Instance.IsBusinessDay(day), $"{day} is not a Chilean business day");
            Assert.Equal(ChileBankingCalendar.AtCutOff(day), processing); // 16:00 Santiago on both sides of daylight saving
            Assert.True(MandateFlow.Time(c["requested_at"]) < processing);
        });
        var ledger = await _flow.LedgerForAsync("payment_method", method["fintoc_payment_method_id"]!.GetValue<string>());
        Assert.Equal(12, ledger.Count);
        Assert.Equal(12, ledger.Select(e => e["idempotency_key"]!.GetValue<string>()).Distinct().Count());
        Assert.All(ledger, e => Assert.Equal(25_000, e["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Insufficient_funds_is_retried_on_business_days_up_to_the_limit_then_the_period_is_left_failed()
    {
        var (customerId, method) = await _flow.Charges.ActiveMethodAsync("card");
        var start = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"])).AddDays(1);
        var mandate = await _flow.CreateAsync(MandateFlow.MethodMandate(
            customerId, method["id"]!.GetValue<string>(), 25_991, new { frequency = "monthly", day_of_month = "last", start_date = start.ToString("yyyy-MM-dd") }, new { max_attempts = 2, retry_after_business_days = 1 }));
        var mandateId = mandate["id"]!.GetValue<string>();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var current = await _flow.GetAsync(mandateId);
            await _flow.AdvanceUntilAsync(MandateFlow.Time(current["next_charge_at"]));
            var expected = attempt;
            await _flow.BillUntilAsync(mandateId, m => m["last_charge"]?["attempt"]?.GetValue<int>() == expected, $"attempt {attempt} requested");
            await Eventually.GetAsync(async () => (await _flow.LedgerForAsync("payment_method", method["fintoc_payment_method_id"]!.GetValue<string>())).Count == expected ? "ok" : null, TimeSpan.FromSeconds(30), $"attempt {attempt} in the ledger");
            await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(30));
            await _flow.EventuallyAsync(mandateId, m => MandateFlow.LastChargeStatus(m) == "failed", $"attempt {attempt} failed");
        }

        var charges = await _flow.ChargesAsync(mandateId);
        Assert.Equal(["retry", "give_up"], charges.Select(c => c!["decision"]!.GetValue<string>()));
        Assert.All(charges, c => Assert.Equal("insufficient_funds", c!["failure_reason"]!.GetValue<string>()));
        var retryDay = ChileBankingCalendar.LocalDate(MandateFlow.Time(charges[1]!["requested_at"]));
        Assert.True(ChileBankingCalendar.Instance.IsBusinessDay(retryDay), $"the retry was requested on {retryDay}, not a business day");
        var final = await _flow.GetAsync(mandateId);
        Assert.Equal("active", final["status"]!.GetValue<string>());
        Assert.Equal(2, final["current_period"]!.GetValue<int>());
        Assert.Equal(2, final["failed_attempts"]!.GetValue<int>());
        var days = await Eventually.GetAsync(
            async () =>
            {
                var data = (await _merchant.GetNodeAsync("/admin/mandates/billing-days"))!["data"]!.AsArray();
                return data.Sum(d => d!["failed"]!.GetValue<int>()) == 2 ? data : null;
            },
            TimeSpan.FromSeconds(30),
            "the billing days summary");
        Assert.Equal((2, 2, 1, 0), (days.Sum(d => d!["due"]!.GetValue<int>()), days.Sum(d => d!["submitted"]!.GetValue<int>()), days.Sum(d => d!["retried"]!.GetValue<int>()), days.Sum(d => d!["succeeded"]!.GetValue<int>())));
    }

    [Fact]
    public async Task An_authorization_disabled_by_the_payer_revokes_the_mandate_and_a_canceled_mandate_is_never_charged()
    {
        var (customerId, method) = await _flow.Charges.ActiveMethodAsync("card");
        var methodId = method["id"]!.GetValue<string>();
        var start = ChileBankingCalendar.LocalDate(MandateFlow.Time((await _anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"])).AddDays(1);
        var schedule = new { frequency = "weekly", weekday = "monday", start_date = start.ToString("yyyy-MM-dd") };
        var revoking = await _flow.CreateAsync(MandateFlow.MethodMandate(customerId, methodId, 25_993, schedule));
        var canceled = await _flow.CreateAsync(MandateFlow.MethodMandate(customerId, methodId, 30_000, schedule));
        var canceledId = canceled["id"]!.GetValue<string>();
        using (var cancel = await _merchant.PostAsync($"/v1/mandates/{canceledId}/cancel", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, cancel.StatusCode);
        }

        await _flow.AdvanceUntilAsync(MandateFlow.Time(revoking["next_charge_at"]));
        await _flow.BillUntilAsync(revoking["id"]!.GetValue<string>(), m => m["last_charge"] is not null, "charged");
        await Eventually.GetAsync(async () => (await _flow.LedgerForAsync("payment_method", method["fintoc_payment_method_id"]!.GetValue<string>())).Count == 1 ? "ok" : null, TimeSpan.FromSeconds(30), "one payment intent");
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(30));
        var revoked = await _flow.EventuallyAsync(revoking["id"]!.GetValue<string>(), m => m["status"]!.GetValue<string>() == "revoked", "revoked");
        await _flow.Setup.SettledAsync();
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromDays(15));
        await _flow.RunBillingAsync();

        Assert.Equal("authorization_disabled", revoked["status_reason"]!.GetValue<string>());
        Assert.Null(revoked["next_charge_at"]);
        Assert.Equal("revoked", (await _flow.GetAsync(revoking["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.Equal("canceled", (await _flow.GetAsync(canceledId))["status"]!.GetValue<string>());
        Assert.Empty(await _flow.ChargesAsync(canceledId));
        var ledger = await _flow.LedgerForAsync("payment_method", method["fintoc_payment_method_id"]!.GetValue<string>());
        Assert.Equal(25_993, Assert.Single(ledger)["amount"]!.GetValue<long>());
    }
}
