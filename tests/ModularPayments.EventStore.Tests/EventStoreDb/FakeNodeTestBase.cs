using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Connection;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>A fake node per test and a store talking to it over real HTTP/2 (h2c on loopback).</summary>
public abstract class FakeNodeTestBase : IAsyncLifetime
{
    private FakeEventStoreDbNode? _node;

    protected static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(15);

    protected FakeEventStoreDbNode Node => _node ?? throw new InvalidOperationException("Started in InitializeAsync.");

    public async Task InitializeAsync() => _node = await FakeEventStoreDbNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>A store on the fake node; unless the connection string says otherwise, failures are not waited out (failoverTimeout=0).</summary>
    protected EventStoreDbEventStore Store(EventStoreDbOptions? options = null, string? connectionString = null)
    {
        var settings = connectionString ?? Node.ConnectionString;
        if (!settings.Contains("failoverTimeout", StringComparison.OrdinalIgnoreCase))
        {
            settings += (settings.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "failoverTimeout=0";
        }

        return new(
            EventStoreDbConnectionString.Parse(settings),
            options ?? new EventStoreDbOptions { VerifyEventIdsBeforeAppend = false },
            TimeProvider.System);
    }

    protected static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var items = new List<T>();
        await foreach (var item in source.WithCancellation(timeout.Token))
        {
            items.Add(item);
        }

        return items;
    }
}
