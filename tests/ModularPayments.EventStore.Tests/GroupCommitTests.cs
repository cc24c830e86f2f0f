using System.Text;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.Sqlite;
using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests;

/// <summary>
/// Group commit in the SQLite store: appends queued behind a commit in flight share the next transaction, each in its
/// own savepoint. A second connection holding the write lock lines the writers up, so the batches are certain.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDatabaseFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Thirty_two_queued_appends_each_get_their_own_outcome_in_one_shared_commit()
    {
        using var store = Open();
        var existing = NewEvent();
        var existingStream = NewStreamId("existing");
        var original = await store.AppendToStreamAsync(existingStream, ExpectedRevision.NoStream, [existing]);
        var raceStream = NewStreamId("race");
        var shared = Enumerable.Range(0, 4).Select(_ => NewEvent()).ToList();

        // Submission order; what each append must get back.
        var plan = new List<(string Stream, ExpectedRevision Expected, EventData[] Events, string Expect)>();
        for (var i = 0; i < 32; i++)
        {
            plan.Add((i % 8) switch
            {
                0 or 1 => (NewStreamId("fresh"), ExpectedRevision.NoStream, new[] { NewEvent(), NewEvent() }, "written"),
                2 => (existingStream, ExpectedRevision.NoStream, new[] { NewEvent() }, "wrong revision"),
                3 when i < 16 => (NewStreamId("reuse"), ExpectedRevision.Any, new[] { existing }, "duplicate id"),
                3 => (NewStreamId("reuse-after-new"), ExpectedRevision.NoStream, new[] { NewEvent(), existing }, "duplicate id"),
                4 => (existingStream, ExpectedRevision.NoStream, new[] { existing }, "idempotent"),
                5 => (NewStreamId("pair-first"), ExpectedRevision.NoStream, new[] { shared[i / 8] }, "written"),
                6 => (NewStreamId("pair-second"), ExpectedRevision.NoStream, new[] { shared[i / 8] }, "duplicate id"),
                _ => (raceStream, ExpectedRevision.NoStream, new[] { NewEvent() }, i == 7 ? "written" : "wrong revision"),
            });
        }

        Task<AppendResult>[] appends;
        using (HoldWriteLock())
        {
            appends = await SubmitInOrderAsync(store, plan.Select(p => (p.Stream, p.Expected, (IReadOnlyList<EventData>)p.Events)).ToList());
        }

        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Timeout);

        var log = await Collect(store.ReadAllAsync(LogPosition.Start, long.MaxValue));
        var byId = log.ToDictionary(e => e.EventId);
        var writtenPositions = new List<long>();
        for (var i = 0; i < plan.Count; i++)
        {
            var (stream, _, events, expect) = plan[i];
            var append = appends[i];
            switch (expect)
            {
                case "written":
                    Assert.True(append.IsCompletedSuccessfully, $"Append {i} ({stream}) failed: {append.Exception?.InnerException}");
                    var result = await append;
                    var stored = events.Select(e => byId[e.EventId]).ToList();
                    Assert.All(stored, e => Assert.Equal(stream, e.StreamId));
                    Assert.Equal(stored[^1].Position, result.Position);
                    Assert.Equal(events.Length - 1, result.NextExpectedRevision);
                    writtenPositions.Add(result.Position);
                    break;
                case "wrong revision":
                    Assert.IsType<WrongExpectedRevisionException>(append.Exception?.InnerException);
                    Assert.All(events, e => Assert.False(byId.ContainsKey(e.EventId), $"Append {i} was refused but stored {e.EventId}."));
                    break;
                case "duplicate id":
                    var duplicate = Assert.IsType<DuplicateEventIdException>(append.Exception?.InnerException);
                    Assert.Equal(events[^1].EventId, duplicate.EventId);
                    Assert.DoesNotContain(log, e => e.StreamId == stream);
                    break;
                case "idempotent":
                    Assert.Equal(original, await append);
                    break;
            }
        }

        // Accepted in submission order, and the log shows it: positions rise with it, without gaps or repeats.
        Assert.Equal(writtenPositions.Order(), writtenPositions);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(p => (long)p), log.Select(e => e.Position));
        Assert.Equal(1 + (8 * 2) + 4 + 1, log.Count);
        Assert.Single(log, e => e.EventId == existing.EventId);
        Assert.All(shared, s => Assert.Single(log, e => e.EventId == s.EventId));

        // A subscription from the start delivers exactly the log, in order.
        await using var subscription = new SubscriptionProbe(store, LogPosition.Start, Timeout);
        var (delivered, caughtUp) = await subscription.ReadUntilCaughtUpAsync(_ => true);
        Assert.Equal(log.Select(e => e.EventId), delivered.Select(e => e.EventId));
        Assert.Equal(log[^1].Position, caughtUp.Position);
    }

    [Fact]
    public async Task Appends_made_while_a_subscription_is_live_reach_it_in_log_order()
    {
        using var store = Open();
        await using var subscription = new SubscriptionProbe(store, LogPosition.Start, Timeout);
        await subscription.ReadUntilCaughtUpAsync(_ => true);

        var plan = Enumerable.Range(0, 32).Select(i => (NewStreamId("live"), ExpectedRevision.NoStream, (IReadOnlyList<EventData>)[NewEvent()])).ToList();
        Task<AppendResult>[] appends;
        using (HoldWriteLock())
        {
            appends = await SubmitInOrderAsync(store, plan);
        }

        var results = await Task.WhenAll(appends).WaitAsync(Timeout);
        var delivered = await subscription.ReadEventsAsync(_ => true, plan.Count);
        Assert.Equal(plan.Select(p => p.Item3[0].EventId), delivered.Select(e => e.EventId));
        Assert.Equal(results.Select(r => r.Position), delivered.Select(e => e.Position));
    }

    [Fact]
    public async Task A_queued_append_whose_caller_gives_up_is_not_written_and_the_others_are()
    {
        using var store = Open();
        var kept = NewEvent();
        var abandoned = NewEvent();
        using var giveUp = new CancellationTokenSource();
        Task<AppendResult> first, cancelled, second;
        using (HoldWriteLock())
        {
            first = Task.Run(() => store.AppendToStreamAsync(NewStreamId(), ExpectedRevision.NoStream, [NewEvent()]));
            await UntilAsync(() => store.CommitQueue is { Committing: true, Queued: 0 }, "the first append to start committing");
            cancelled = store.AppendToStreamAsync(NewStreamId(), ExpectedRevision.NoStream, [abandoned], giveUp.Token);
            second = store.AppendToStreamAsync(NewStreamId(), ExpectedRevision.NoStream, [kept]);
            await UntilAsync(() => store.CommitQueue.Queued == 2, "both appends to queue");
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled).WaitAsync(Timeout);
        }

        await Task.WhenAll(first, second).WaitAsync(Timeout);
        var log = await Collect(store.ReadAllAsync(LogPosition.Start, long.MaxValue));
        Assert.Contains(log, e => e.EventId == kept.EventId);
        Assert.DoesNotContain(log, e => e.EventId == abandoned.EventId);
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public async Task An_append_the_database_refuses_fails_alone_and_its_neighbours_in_the_commit_are_written()
    {
        using var store = Open();
        var plan = Enumerable.Range(0, 8).Select(i => (NewStreamId(i % 2 == 0 ? "fine" : "doomed"), ExpectedRevision.NoStream, (IReadOnlyList<EventData>)[NewEvent()])).ToList();
        Task<AppendResult>[] appends;
        using (var blocker = HoldWriteLock())
        {
            appends = await SubmitInOrderAsync(store, plan);

            // Committed with the lock holder's transaction, before the queued appends get the lock.
            using var trigger = blocker.Connection.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_doomed BEFORE INSERT ON events WHEN NEW.stream_id LIKE 'doomed-%' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            trigger.ExecuteNonQuery();
        }

        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Timeout);
        var log = await Collect(store.ReadAllAsync(LogPosition.Start, long.MaxValue));
        for (var i = 0; i < plan.Count; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(log.Single(e => e.StreamId == plan[i].Item1).Position, (await appends[i]).Position);
            }
            else
            {
                Assert.IsType<SqliteException>(appends[i].Exception?.InnerException);
            }
        }

        Assert.Equal(4, log.Count);
    }

    /// <summary>Starts the appends one by one, each only once the previous one is committing or queued behind it.</summary>
    private static async Task<Task<AppendResult>[]> SubmitInOrderAsync(SqliteEventStore store, List<(string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events)> plan)
    {
        var appends = new Task<AppendResult>[plan.Count];

        // The first caller commits for itself and blocks on the held lock: run it off the test's thread.
        appends[0] = Task.Run(() => store.AppendToStreamAsync(plan[0].Stream, plan[0].Expected, plan[0].Events));
        await UntilAsync(() => store.CommitQueue.Committing, "the first append to start committing");
        await UntilAsync(() => store.CommitQueue.Queued == 0, "the first append to leave the queue");
        for (var i = 1; i < plan.Count; i++)
        {
            appends[i] = store.AppendToStreamAsync(plan[i].Stream, plan[i].Expected, plan[i].Events);
            var queued = i;
            await UntilAsync(() => store.CommitQueue.Queued == queued, $"append {i} to queue");
        }

        return appends;
    }

    /// <summary>Another connection's write transaction on the file: the store's commit waits until it is disposed.</summary>
    private LockHolder HoldWriteLock()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return new LockHolder(connection);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException($"Gave up waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }

    private SqliteEventStore Open() =>
        new(new SqliteEventStoreOptions { FilePath = _file.Path, PollInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);

    private static string NewStreamId(string prefix = "group") => $"{prefix}-{Guid.NewGuid():N}";

    private static EventData NewEvent() =>
        new(Guid.NewGuid(), "GroupCommitTestEvent", Encoding.UTF8.GetBytes($$"""{"at":{{Environment.TickCount64}}}"""), "{}"u8.ToArray());

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

    private sealed class LockHolder(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose()
        {
            using var commit = Connection.CreateCommand();
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
            Connection.Dispose();
        }
    }
}
