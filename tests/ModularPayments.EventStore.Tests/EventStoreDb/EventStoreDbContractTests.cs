using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Connection;
using ModularPayments.EventStore.Tests.Skipping;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>
/// The whole contract suite against a real EventStoreDB / KurrentDB node, when MODULARPAYMENTS_EVENTSTOREDB holds its
/// connection string (e.g. from <c>docker compose up eventstoredb</c>); otherwise every test is reported as skipped
/// with the reason below. The node is shared: tests use their own streams and never assume an empty log.
/// </summary>
[RequiresEnvironmentVariable(ConnectionStringVariable, SkipReason)]
[ContractExemption(
    nameof(Reusing_an_event_id_in_another_stream_is_refused_and_stores_nothing),
    "EventStoreDB keeps no index of event ids across streams, so it stores an id reused in another stream; the adapter refuses reuse within a stream only (deterministic ids include the stream id, see ADR 0009)")]
public sealed class EventStoreDbContractTests : EventStoreContractTests
{
    public const string ConnectionStringVariable = "MODULARPAYMENTS_EVENTSTOREDB";

    public const string SkipReason = "EventStoreDB contract tests skipped: set MODULARPAYMENTS_EVENTSTOREDB=esdb://localhost:2113?tls=false to run them against a real node";

    protected override bool StoreIsExclusiveToTest => false;

    protected override TimeSpan Timeout => TimeSpan.FromSeconds(30);

    protected override Task<IEventStore> CreateStoreAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable)
            ?? throw new InvalidOperationException($"{ConnectionStringVariable} is not set; the discoverer should have skipped this test.");
        return Task.FromResult<IEventStore>(new EventStoreDbEventStore(
            EventStoreDbConnectionString.Parse(connectionString),
            new EventStoreDbOptions(),
            TimeProvider.System));
    }
}
