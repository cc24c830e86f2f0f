using ModularPayments.IntegrationTests.Charges;

namespace ModularPayments.IntegrationTests;

/// <summary>The PAC setup flow and a charge on it, with the service on a real EventStoreDB node instead of the embedded store.</summary>
[Collection(EventStoreDbNodeCollection.Name)]
public sealed class SetupFlowOnEventStoreDbTests
{
    [EventStoreDbFact]
    public async Task A_pac_account_becomes_an_active_method_on_eventstoredb()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = EventStoreDbFactAttribute.ConnectionString,
        });
        using var anonymous = factory.CreateClient();
        using var merchant = factory.CreateMerchantClient();
        var flow = new SetupFlow(anonymous, merchant);

        var active = await flow.PacEndToEndAsync();

        Assert.Equal("pac", active["type"]!.GetValue<string>());
        Assert.Equal("9212", active["account_last4"]!.GetValue<string>());
        var health = (await anonymous.GetNodeAsync("/health"))!;
        Assert.Equal("EventStoreDb", health["event_store"]!["provider"]!.GetValue<string>());
        await flow.SettledAsync(); // every reactor shows lag 0, also those that wanted none of the last events
    }

    [EventStoreDbFact]
    public async Task A_charge_on_a_saved_pac_method_succeeds_on_eventstoredb()
    {
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = EventStoreDbFactAttribute.ConnectionString,
        });
        using var anonymous = factory.CreateClient();
        using var merchant = factory.CreateMerchantClient();
        var flow = new ChargeFlow(anonymous, merchant);
        var (customerId, method) = await flow.ActiveMethodAsync("pac");

        var accepted = await flow.ChargeAsync(customerId, method["id"]!.GetValue<string>(), 150_000);
        await flow.SubmittedEventuallyAsync(accepted["id"]!.GetValue<string>());
        await flow.Setup.AdvanceClockAsync(TimeSpan.FromSeconds(15));
        var succeeded = await flow.StatusEventuallyAsync(accepted["id"]!.GetValue<string>(), "succeeded");

        Assert.Equal(150_000, succeeded["amount"]!.GetValue<long>());
        var ledger = (await flow.LedgerAsync()).Where(e => e!["amount"]!.GetValue<long>() == 150_000).ToList();
        Assert.Single(ledger);
    }
}
