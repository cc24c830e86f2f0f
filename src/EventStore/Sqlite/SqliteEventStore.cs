using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with full fsync on commit. Appends are serialised inside the
/// process by a gate and across processes by <c>BEGIN IMMEDIATE</c>; readers never block writers.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IDisposable
{
    private readonly SqliteEventStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
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

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var result = Append(streamId, expected, events);
            if (events.Count > 0)
            {
                Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
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

    public void Dispose() => _writeGate.Dispose();

    private AppendResult Append(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CurrentRevision(connection, transaction, streamId);

        if (events.Count > 0 && TryFindIdempotentAppend(connection, transaction, streamId, expected, events) is { } replay)
        {
            return replay;
        }

        if (!expected.IsSatisfiedBy(current))
        {
            throw new WrongExpectedRevisionException(streamId, expected, current);
        }

        var createdAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var position = 0L;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, created_at)
            VALUES ($stream, $revision, $id, $type, $data, $metadata, $created)
            RETURNING position
            """;
        var revisionParameter = insert.Parameters.Add("$revision", SqliteType.Integer);
        var idParameter = insert.Parameters.Add("$id", SqliteType.Text);
        var typeParameter = insert.Parameters.Add("$type", SqliteType.Text);
        var dataParameter = insert.Parameters.Add("$data", SqliteType.Blob);
        var metadataParameter = insert.Parameters.Add("$metadata", SqliteType.Blob);
        insert.Parameters.AddWithValue("$stream", streamId);
        insert.Parameters.AddWithValue("$created", createdAt);

        var revision = current;
        foreach (var eventData in events)
        {
            revision++;
            revisionParameter.Value = revision;
            idParameter.Value = eventData.EventId.ToString("D");
            typeParameter.Value = eventData.EventType;
            dataParameter.Value = eventData.Data;
            metadataParameter.Value = eventData.Metadata;
            try
            {
                position = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == 19 && exception.Message.Contains("event_id", StringComparison.Ordinal))
            {
                throw new DuplicateEventIdException(streamId, eventData.EventId);
            }
        }

        if (events.Count == 0)
        {
            position = HeadPosition(connection, transaction);
        }

        transaction.Commit();
        return new AppendResult(revision, position);
    }

    /// <summary>
    /// The same events appended again (a retry after a lost answer) are acknowledged with the original result,
    /// as EventStoreDB does, provided they are stored as one run in this stream and the expectation fits that run.
    /// </summary>
    private static AppendResult? TryFindIdempotentAppend(SqliteConnection connection, SqliteTransaction transaction, string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT stream_id, stream_revision, position FROM events WHERE event_id = $id";
        var idParameter = command.Parameters.Add("$id", SqliteType.Text);

        long? firstRevision = null;
        long lastPosition = 0;
        for (var index = 0; index < events.Count; index++)
        {
            idParameter.Value = events[index].EventId.ToString("D");
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                if (index == 0)
                {
                    return null;
                }

                throw new DuplicateEventIdException(streamId, events[0].EventId);
            }

            var storedStream = reader.GetString(0);
            var storedRevision = reader.GetInt64(1);
            firstRevision ??= storedRevision;
            if (storedStream != streamId || storedRevision != firstRevision + index)
            {
                throw new DuplicateEventIdException(streamId, events[index].EventId);
            }

            lastPosition = reader.GetInt64(2);
        }

        var revisionBefore = firstRevision!.Value - 1;
        if (expected != ExpectedRevision.Any && !expected.IsSatisfiedBy(revisionBefore) && !(expected == ExpectedRevision.StreamExists))
        {
            // The stream is where the writer expects it, so nobody wrote in between: the events are just not this
            // write's to make again. A revision conflict here would name an actual revision equal to the expected one.
            var current = CurrentRevision(connection, transaction, streamId);
            if (expected.IsSatisfiedBy(current))
            {
                throw new DuplicateEventIdException(streamId, events[0].EventId);
            }

            throw new WrongExpectedRevisionException(streamId, expected, current);
        }

        return new AppendResult(firstRevision.Value + events.Count - 1, lastPosition);
    }

    private static long CurrentRevision(SqliteConnection connection, SqliteTransaction transaction, string streamId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(stream_revision) FROM events WHERE stream_id = $stream";
        command.Parameters.AddWithValue("$stream", streamId);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? -1 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static long HeadPosition(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
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
