namespace ModularPayments.IntegrationTests;

/// <summary>
/// A test that needs a real EventStoreDB node, named by <c>MODULARPAYMENTS_EVENTSTOREDB</c> (for example
/// <c>esdb://127.0.0.1:2113?tls=false</c>; ../shared/tools/eventstoredb builds and starts one). Without it the test is
/// reported as skipped with that reason.
/// </summary>
public sealed class EventStoreDbFactAttribute : FactAttribute
{
    public const string Variable = "MODULARPAYMENTS_EVENTSTOREDB";

    public EventStoreDbFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"No EventStoreDB node: set {Variable} (e.g. esdb://127.0.0.1:2113?tls=false) to run this test against one.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}

/// <summary>
/// The tests that share the one EventStoreDB node run one at a time: each brings its own simulator (its own "Fintoc
/// account"), and a service catching up on the shared log links another test's customers to the Fintoc customers of its
/// own simulator, which the other test's simulator then does not know. In production every instance shares one Fintoc
/// account, so such a link is valid for all of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EventStoreDbNodeCollection
{
    public const string Name = "EventStoreDB node";
}
