using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.Sqlite;

namespace ModularPayments.EventStore.Tests;

/// <summary>The contract suite against the embedded SQLite store, one temp database file per test.</summary>
public class SqliteEventStoreContractTests : EventStoreContractTests
{
    private readonly TempDatabaseFile _file = new();

    protected virtual int PageSize => new SqliteEventStoreOptions { FilePath = "unused" }.PageSize;

    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(new SqliteEventStore(
            new SqliteEventStoreOptions { FilePath = _file.Path, PageSize = PageSize, PollInterval = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System));

    protected override async Task DisposeStoreAsync(IEventStore store)
    {
        await base.DisposeStoreAsync(store);
        _file.Dispose();
    }
}

/// <summary>
/// The same suite with tiny pages, so every read and subscription crosses many page borders even on short streams.
/// </summary>
public sealed class SqliteEventStoreSmallPageContractTests : SqliteEventStoreContractTests
{
    protected override int PageSize => 3;
}
