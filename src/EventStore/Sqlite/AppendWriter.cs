using System.Globalization;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.EventStore.Sqlite;

/// <summary>
/// The statements of one append, prepared once on the store's writer connection and reused by every commit: an append
/// checks its expectation and inserts its events inside whatever transaction (and savepoint) the caller opened.
/// </summary>
internal sealed class AppendWriter : IDisposable
{
    private readonly SqliteCommand _currentRevision;
    private readonly SqliteCommand _findEvent;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteParameter _stream;
    private readonly SqliteParameter _revision;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _type;
    private readonly SqliteParameter _data;
    private readonly SqliteParameter _metadata;
    private readonly SqliteParameter _created;

    public AppendWriter(SqliteConnection connection)
    {
        _currentRevision = connection.CreateCommand();
        _currentRevision.CommandText = "SELECT MAX(stream_revision) FROM events WHERE stream_id = $stream";
        _currentRevision.Parameters.Add("$stream", SqliteType.Text);

        _findEvent = connection.CreateCommand();
        _findEvent.CommandText = "SELECT stream_id, stream_revision, position FROM events WHERE event_id = $id";
        _findEvent.Parameters.Add("$id", SqliteType.Text);

        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, created_at)
            VALUES ($stream, $revision, $id, $type, $data, $metadata, $created)
            RETURNING position
            """;
        _stream = _insert.Parameters.Add("$stream", SqliteType.Text);
        _revision = _insert.Parameters.Add("$revision", SqliteType.Integer);
        _id = _insert.Parameters.Add("$id", SqliteType.Text);
        _type = _insert.Parameters.Add("$type", SqliteType.Text);
        _data = _insert.Parameters.Add("$data", SqliteType.Blob);
        _metadata = _insert.Parameters.Add("$metadata", SqliteType.Blob);
        _created = _insert.Parameters.Add("$created", SqliteType.Integer);

        _head = connection.CreateCommand();
        _head.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";

        // SqliteTransaction.Save/Release/Rollback(name) would parse a new statement for every append.
        _savepoint = connection.CreateCommand();
        _savepoint.CommandText = "SAVEPOINT append";
        _release = connection.CreateCommand();
        _release.CommandText = "RELEASE append";
        _rollbackToSavepoint = connection.CreateCommand();
        _rollbackToSavepoint.CommandText = "ROLLBACK TO append";
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _currentRevision.Transaction = transaction;
        _findEvent.Transaction = transaction;
        _insert.Transaction = transaction;
        _head.Transaction = transaction;
        _savepoint.Transaction = transaction;
        _release.Transaction = transaction;
        _rollbackToSavepoint.Transaction = transaction;
    }

    /// <summary>Opens the savepoint that lets one append of a shared commit fail alone.</summary>
    public void Save() => _savepoint.ExecuteNonQuery();

    public void Release() => _release.ExecuteNonQuery();

    /// <summary>Undoes everything since <see cref="Save"/> and closes the savepoint.</summary>
    public void RollBackToSavepoint()
    {
        _rollbackToSavepoint.ExecuteNonQuery();
        _release.ExecuteNonQuery();
    }

    public AppendResult Append(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, long createdAt)
    {
        var current = CurrentRevision(streamId);
        if (events.Count > 0 && TryFindIdempotentAppend(streamId, expected, events) is { } replay)
        {
            return replay;
        }

        if (!expected.IsSatisfiedBy(current))
        {
            throw new WrongExpectedRevisionException(streamId, expected, current);
        }

        if (events.Count == 0)
        {
            return new AppendResult(current, Convert.ToInt64(_head.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        _stream.Value = streamId;
        _created.Value = createdAt;
        var revision = current;
        var position = 0L;
        foreach (var eventData in events)
        {
            revision++;
            _revision.Value = revision;
            _id.Value = eventData.EventId.ToString("D");
            _type.Value = eventData.EventType;
            _data.Value = eventData.Data;
            _metadata.Value = eventData.Metadata;
            try
            {
                position = Convert.ToInt64(_insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == 19 && exception.Message.Contains("event_id", StringComparison.Ordinal))
            {
                throw new DuplicateEventIdException(streamId, eventData.EventId);
            }
        }

        return new AppendResult(revision, position);
    }

    public void Dispose()
    {
        _currentRevision.Dispose();
        _findEvent.Dispose();
        _insert.Dispose();
        _head.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackToSavepoint.Dispose();
    }

    /// <summary>
    /// The same events appended again (a retry after a lost answer) are acknowledged with the original result,
    /// as EventStoreDB does, provided they are stored as one run in this stream and the expectation fits that run.
    /// </summary>
    private AppendResult? TryFindIdempotentAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        long? firstRevision = null;
        long lastPosition = 0;
        for (var index = 0; index < events.Count; index++)
        {
            _findEvent.Parameters["$id"].Value = events[index].EventId.ToString("D");
            using var reader = _findEvent.ExecuteReader();
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
            var current = CurrentRevision(streamId);
            if (expected.IsSatisfiedBy(current))
            {
                throw new DuplicateEventIdException(streamId, events[0].EventId);
            }

            throw new WrongExpectedRevisionException(streamId, expected, current);
        }

        return new AppendResult(firstRevision.Value + events.Count - 1, lastPosition);
    }

    private long CurrentRevision(string streamId)
    {
        _currentRevision.Parameters["$stream"].Value = streamId;
        var value = _currentRevision.ExecuteScalar();
        return value is null or DBNull ? -1 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
