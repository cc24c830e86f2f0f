namespace ModularPayments.IntegrationTests.Charges;

/// <summary>A lost webhook never leaves a charge pending: the janitor re-reads it from Fintoc.</summary>
public sealed class ChargeJanitorTests : IDisposable
{
    private readonly ApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["Charges:PendingTimeout"] = "00:00:30",
        ["Charges:JanitorInterval"] = "00:00:00.200",
    });

    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly ChargeFlow _flow;

    public ChargeJanitorTests()
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
    public async Task A_charge_whose_webhook_does_not_come_is_settled_from_a_reread()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("card");
        await _flow.SetChaosAsync(new { delivery_delay_seconds = 86_400 }); // the webhook would come a day late

        var accepted = await _flow.ChargeAsync(customerId, method["id"]!.GetValue<string>(), 150_991);
        var chargeId = accepted["id"]!.GetValue<string>();
        await _flow.SubmittedEventuallyAsync(chargeId);
        await _flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(60));
        var failed = await _flow.StatusEventuallyAsync(chargeId, "failed");

        Assert.Equal("insufficient_funds", failed["failure_reason"]!.GetValue<string>());
        var last = (await _merchant.GetNodeAsync($"/v1/charges/{chargeId}/timeline"))!["data"]!.AsArray()[^1]!;
        Assert.Equal("failed", last["type"]!.GetValue<string>());
        Assert.Equal("janitor", last["source"]!.GetValue<string>());
    }
}
