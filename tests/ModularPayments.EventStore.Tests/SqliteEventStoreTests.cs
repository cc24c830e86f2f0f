using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.Sqlite;

namespace ModularPayments.EventStore.Tests;

/// <summary>What only the embedded SQLite store promises: a durable file in WAL mode, shared safely between processes.</summary>
public sealed class SqliteEventStoreTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TempDatabaseFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Events_survive_closing_and_reopening_the_file_and_positions_go_on_increasing()
    {
        var stream = NewStreamId();
        var first = NewEvents(3);
        AppendResult before;
        using (var store = Open())
        {
            before = await store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, first);
        }

        // Close every pooled handle so that the next store really opens the file afresh.
        SqliteConnection.ClearAllPools();

        using var reopened = Open();
        var stored = await Collect(reopened.ReadStreamAsync(stream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue));
        Assert.Equal(first.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.Equal(first.Select(e => e.Data), stored.Select(e => e.Data));
        Assert.Equal(before.Position, await reopened.ReadHeadPositionAsync());

        var after = await reopened.AppendToStreamAsync(stream, ExpectedRevision.Exact(before.NextExpectedRevision), NewEvents(2));
        var other = await reopened.AppendToStreamAsync(NewStreamId(), ExpectedRevision.NoStream, NewEvents(1));

        Assert.Equal(4, after.NextExpectedRevision);
        Assert.True(after.Position > before.Position);
        Assert.True(other.Position > after.Position);
        var log = await Collect(reopened.ReadAllAsync(LogPosition.Start, long.MaxValue));
        Assert.Equal(6, log.Count);
        Assert.True(log.Zip(log.Skip(1)).All(pair => pair.Second.Position > pair.First.Position));

        // Idempotency survives the reopen too.
        Assert.Equal(before, await reopened.AppendToStreamAsync(stream, ExpectedRevision.NoStream, first));
    }

    [Fact]
    public void The_database_runs_in_wal_mode()
    {
        using (Open())
        {
        }

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_appended_events_through_its_subscription_within_the_poll_interval()
    {
        var pollInterval = TimeSpan.FromMilliseconds(300);
        using var writer = Open();
        using var reader = Open(pollInterval);
        var stream = NewStreamId();
        bool Mine(RecordedEvent e) => e.StreamId == stream;
        await writer.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(1));

        await using var subscription = new SubscriptionProbe(reader, LogPosition.Start, Timeout);
        var (replayed, _) = await subscription.ReadUntilCaughtUpAsync(Mine);
        Assert.Single(replayed);

        for (var round = 0; round < 3; round++)
        {
            var live = NewEvent();
            var clock = Stopwatch.StartNew();
            await writer.AppendToStreamAsync(stream, ExpectedRevision.Exact(round), [live]);

            // The reader's in-process signal never fires for another store's append: only its poll can find it.
            var delivered = await subscription.ReadEventsAsync(Mine, 1, pollInterval + TimeSpan.FromSeconds(1));
            clock.Stop();
            Assert.Equal(live.EventId, delivered[0].EventId);
            Assert.True(clock.Elapsed < pollInterval + TimeSpan.FromSeconds(1), $"Seen after {clock.Elapsed}, poll interval {pollInterval}.");
        }
    }

    [Fact]
    public async Task Two_stores_on_the_same_file_serialise_their_writes()
    {
        const int appendsPerWriter = 25;
        using var first = Open();
        using var second = Open();
        var stores = new IEventStore[] { first, second, first, second };
        var shared = NewStreamId("shared");
        var written = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        var tasks = stores.Select(store => Task.Run(async () =>
        {
            var lastKnown = -1L;
            for (var i = 0; i < appendsPerWriter; i++)
            {
                var events = NewEvents(2);
                while (true)
                {
                    try
                    {
                        lastKnown = (await store.AppendToStreamAsync(shared, ExpectedRevision.FromLastRevision(lastKnown), events)).NextExpectedRevision;
                        foreach (var e in events)
                        {
                            written.Add(e.EventId);
                        }

                        break;
                    }
                    catch (WrongExpectedRevisionException conflict)
                    {
                        lastKnown = conflict.ActualRevision;
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));

        var stored = await Collect(second.ReadStreamAsync(shared, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue));
        Assert.Equal(stores.Length * appendsPerWriter * 2, stored.Count);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Select(e => e.StreamRevision));
        Assert.True(written.ToHashSet().SetEquals(stored.Select(e => e.EventId)));
        var log = await Collect(first.ReadAllAsync(LogPosition.Start, long.MaxValue));
        Assert.Equal(stored.Select(e => e.EventId), log.Select(e => e.EventId));
        Assert.True(log.Zip(log.Skip(1)).All(pair => pair.Second.Position > pair.First.Position));
    }

    [Fact]
    public async Task Racing_NoStream_appends_from_two_stores_on_the_same_file_let_exactly_one_win()
    {
        using var first = Open();
        using var second = Open();
        var stream = NewStreamId();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? first : second).AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(1));
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, tasks.Count(t => t.IsCompletedSuccessfully));
        Assert.All(tasks.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<WrongExpectedRevisionException>(t.Exception?.InnerException));
        Assert.Single(await Collect(first.ReadStreamAsync(stream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue)));
    }

    [Fact]
    public async Task The_creation_time_comes_from_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = _file.Path }, clock);
        var stream = NewStreamId();

        await store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(1));
        clock.Advance(TimeSpan.FromSeconds(90));
        await store.AppendToStreamAsync(stream, ExpectedRevision.Exact(0), NewEvents(1));

        var stored = await Collect(store.ReadStreamAsync(stream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue));
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), stored[0].CreatedAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 5, 35, 678, TimeSpan.Zero), stored[1].CreatedAt);
    }

    [Fact]
    public async Task An_append_carrying_one_event_id_twice_is_refused()
    {
        using var store = Open();
        var stream = NewStreamId();
        var e = NewEvent();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, [e, e]));
        Assert.Empty(await Collect(store.ReadStreamAsync(stream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue)));
    }

    [Fact]
    public async Task An_empty_append_checks_the_expectation_and_stores_nothing()
    {
        using var store = Open();
        var stream = NewStreamId();
        var written = await store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(2));

        var empty = await store.AppendToStreamAsync(stream, ExpectedRevision.Exact(1), []);

        Assert.Equal(new AppendResult(1, written.Position), empty);
        var refused = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, []));
        Assert.Equal(1, refused.ActualRevision);
        Assert.Equal(2, (await Collect(store.ReadAllAsync(LogPosition.Start, long.MaxValue))).Count);
    }

    private SqliteEventStore Open(TimeSpan? pollInterval = null) =>
        new(new SqliteEventStoreOptions { FilePath = _file.Path, PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(500) }, TimeProvider.System);

    private static string NewStreamId(string prefix = "sqlite") => $"{prefix}-{Guid.NewGuid():N}";

    private static EventData NewEvent() =>
        new(Guid.NewGuid(), "SqliteTestEvent", Encoding.UTF8.GetBytes($$"""{"at":{{Environment.TickCount64}}}"""), "{}"u8.ToArray());

    private static List<EventData> NewEvents(int count) => Enumerable.Range(0, count).Select(_ => NewEvent()).ToList();

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
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
