namespace ModularPayments.IntegrationTests;

/// <summary>The PAC setup flow with the service on a real EventStoreDB node instead of the embedded store.</summary>
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
    }
}
