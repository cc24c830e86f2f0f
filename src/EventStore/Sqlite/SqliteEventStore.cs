using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with full fsync on commit. Appends are group-committed: those
/// that arrive while a commit is in flight are written together in the next transaction, each in its own savepoint,
/// so each keeps its own outcome and one fsync makes them all durable (ADR 0016). One thread commits at a time inside
/// the process, and <c>BEGIN IMMEDIATE</c> serialises commits across processes; readers never block writers.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IDisposable
{
    private readonly SqliteEventStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _connectionString;
    private readonly Lock _queueLock = new();
    private readonly Queue<PendingAppend> _queue = new();
    private bool _committing;
    private bool _disposed;
    private SqliteConnection? _writer;
    private AppendWriter? _appendWriter;
    private TaskCompletionSource _appended = NewSignal();

    public SqliteEventStore(SqliteEventStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.FilePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema.Create;
        command.ExecuteNonQuery();
    }

    public async Task<AppendResult> AppendToStreamAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
        {
            throw new ArgumentException("An append cannot carry the same event id twice.", nameof(events));
        }

        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pending = new PendingAppend(streamId, expected, events);
        bool lead;
        lock (_queueLock)
        {
            _queue.Enqueue(pending);
            lead = !_committing;
            _committing = true;
        }

        if (lead)
        {
            // Nobody is committing: this caller commits its own append at once, on its own thread, so a lone writer
            // pays no hand-over. Whatever queued up meanwhile is committed by a pool thread, not by this caller.
            if (CommitNextBatch())
            {
                _ = Task.Run(DrainQueue, CancellationToken.None);
            }

            return await pending.Outcome.Task;
        }

        await using var registration = cancellationToken.Register(() => pending.Abandon(cancellationToken));
        return await pending.Outcome.Task;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var forwards = direction == ReadDirection.Forwards;
        var next = fromRevision;
        var remaining = maxCount;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pageSize = (int)Math.Min(remaining, _options.PageSize);
            var page = Query(
                forwards
                    ? "SELECT * FROM events WHERE stream_id = $stream AND stream_revision >= $from ORDER BY stream_revision ASC LIMIT $limit"
                    : "SELECT * FROM events WHERE stream_id = $stream AND stream_revision <= $from ORDER BY stream_revision DESC LIMIT $limit",
                ("$stream", streamId),
                ("$from", next),
                ("$limit", pageSize));
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            remaining -= page.Count;
            if (page.Count < pageSize)
            {
                yield break;
            }

            next = forwards ? page[^1].StreamRevision + 1 : page[^1].StreamRevision - 1;
            if (next < 0)
            {
                yield break;
            }

            await Task.Yield();
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var after = afterPosition;
        var remaining = maxCount;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pageSize = (int)Math.Min(remaining, _options.PageSize);
            var page = ReadAllPage(after, pageSize);
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            remaining -= page.Count;
            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Position;
            await Task.Yield();
        }
    }

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = afterPosition;
        var reportedCaughtUp = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the signal before reading, so an append that lands between the read and the wait is not missed.
            var appended = Volatile.Read(ref _appended).Task;
            var page = ReadAllPage(after, _options.PageSize);
            foreach (var recorded in page)
            {
                yield return new SubscriptionMessage.Event(recorded);
                after = recorded.Position;
            }

            if (page.Count == _options.PageSize)
            {
                continue;
            }

            if (!reportedCaughtUp || page.Count > 0)
            {
                reportedCaughtUp = true;
                yield return new SubscriptionMessage.CaughtUp(after);
            }

            try
            {
                await appended.WaitAsync(_options.PollInterval, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Another process may have written: look again.
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>Appends waiting for the commit in flight, and whether one is (for tests that line writers up).</summary>
    internal (int Queued, bool Committing) CommitQueue
    {
        get
        {
            lock (_queueLock)
            {
                return (_queue.Count, _committing);
            }
        }
    }

    public void Dispose()
    {
        lock (_queueLock)
        {
            _disposed = true;
        }

        _appendWriter?.Dispose();
        _writer?.Dispose();
    }

    private void DrainQueue()
    {
        while (CommitNextBatch())
        {
        }
    }

    /// <summary>
    /// Commits what is queued, up to <see cref="SqliteEventStoreOptions.MaxAppendsPerCommit"/> appends, in one
    /// transaction and one fsync. True when more appends queued up meanwhile; false when the queue is empty and the
    /// next caller commits for itself.
    /// </summary>
    private bool CommitNextBatch()
    {
        var batch = new List<PendingAppend>();
        lock (_queueLock)
        {
            while (batch.Count < _options.MaxAppendsPerCommit && _queue.TryDequeue(out var pending))
            {
                if (pending.TryTake())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 0)
            {
                _committing = false;
                return false;
            }
        }

        Commit(batch);
        lock (_queueLock)
        {
            if (_queue.Count > 0)
            {
                return true;
            }

            _committing = false;
            return false;
        }
    }

    private void Commit(List<PendingAppend> batch)
    {
        var outcomes = new Outcome[batch.Count];
        try
        {
            var writer = Writer();
            using var transaction = writer.Connection.BeginTransaction(deferred: false);
            writer.Appends.Enlist(transaction);
            if (batch.Count == 1)
            {
                // Alone in its commit, an append needs no savepoint: its refusal rolls back the transaction.
                var only = batch[0];
                try
                {
                    outcomes[0] = new Outcome(writer.Appends.Append(only.StreamId, only.Expected, only.Events, Now()), null);
                }
                catch (Exception refusal) when (refusal is WrongExpectedRevisionException or DuplicateEventIdException)
                {
                    outcomes[0] = new Outcome(null, refusal);
                }
            }
            else
            {
                for (var index = 0; index < batch.Count; index++)
                {
                    outcomes[index] = AppendInSavepoint(writer.Appends, batch[index]);
                }
            }

            if (outcomes.Any(o => o.Error is null))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }
        }
#pragma warning disable CA1031 // Whatever failed the commit is every waiting caller's answer; none of their events is stored.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Whatever state the failure left the writer connection in, the next commit starts on a fresh one.
            _appendWriter?.Dispose();
            _writer?.Dispose();
            _appendWriter = null;
            _writer = null;
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(exception);
            }

            return;
        }

        if (Enumerable.Range(0, batch.Count).Any(i => outcomes[i].Error is null && batch[i].Events.Count > 0))
        {
            Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        }

        // In log order: the append that got the lower position is answered first.
        for (var index = 0; index < batch.Count; index++)
        {
            if (outcomes[index].Error is { } error)
            {
                batch[index].Outcome.TrySetException(error);
            }
            else
            {
                batch[index].Outcome.TrySetResult(outcomes[index].Result!);
            }
        }
    }

    /// <summary>
    /// One append of a shared commit: a wrong expected revision, a duplicate event id or any other refusal rolls back
    /// this append alone. If even the rollback fails, the transaction is gone and the whole commit fails.
    /// </summary>
    private Outcome AppendInSavepoint(AppendWriter appends, PendingAppend pending)
    {
        appends.Save();
        try
        {
            var result = appends.Append(pending.StreamId, pending.Expected, pending.Events, Now());
            appends.Release();
            return new Outcome(result, null);
        }
#pragma warning disable CA1031 // The refusal belongs to this append's caller, not to the others in the commit.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            appends.RollBackToSavepoint();
            return new Outcome(null, exception);
        }
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    // Only the committing thread touches the writer, and one thread commits at a time.
    private (SqliteConnection Connection, AppendWriter Appends) Writer()
    {
        if (_writer is null)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer = Open();
            _appendWriter = new AppendWriter(_writer);
        }

        return (_writer, _appendWriter!);
    }

    private List<RecordedEvent> ReadAllPage(long afterPosition, int pageSize) =>
        Query(
            "SELECT * FROM events WHERE position > $after ORDER BY position ASC LIMIT $limit",
            ("$after", afterPosition),
            ("$limit", pageSize));

    private List<RecordedEvent> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var ordinals = new Ordinals(reader);
        var page = new List<RecordedEvent>();
        while (reader.Read())
        {
            page.Add(new RecordedEvent(
                reader.GetString(ordinals.StreamId),
                reader.GetInt64(ordinals.StreamRevision),
                reader.GetInt64(ordinals.Position),
                Guid.Parse(reader.GetString(ordinals.EventId)),
                reader.GetString(ordinals.EventType),
                (byte[])reader.GetValue(ordinals.Data),
                (byte[])reader.GetValue(ordinals.Metadata),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinals.CreatedAt))));
        }

        return page;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // FULL: a commit is on disk before the append returns, so an acknowledged event survives power loss too.
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct Outcome(AppendResult? Result, Exception? Error);

    private readonly struct Ordinals(SqliteDataReader reader)
    {
        public int Position { get; } = reader.GetOrdinal("position");
        public int StreamId { get; } = reader.GetOrdinal("stream_id");
        public int StreamRevision { get; } = reader.GetOrdinal("stream_revision");
        public int EventId { get; } = reader.GetOrdinal("event_id");
        public int EventType { get; } = reader.GetOrdinal("event_type");
        public int Data { get; } = reader.GetOrdinal("data");
        public int Metadata { get; } = reader.GetOrdinal("metadata");
        public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    }
}
