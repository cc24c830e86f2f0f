using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>The inbox as operators query it (<c>/admin/webhooks</c>): one row per provider event, and its history.</summary>
public sealed class WebhooksProjection : IReadModelProjection
{
    public const string ProjectionName = "webhooks";

    public string Name => ProjectionName;

    public int SchemaVersion => 1;

    public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS webhooks (
                event_id      TEXT PRIMARY KEY,
                type          TEXT NOT NULL,
                mode          TEXT,
                status        TEXT NOT NULL,
                outcome       TEXT,
                note          TEXT,
                attempts      INTEGER NOT NULL,
                last_error    TEXT,
                created_at    TEXT,
                received_at   TEXT NOT NULL,
                updated_at    TEXT NOT NULL,
                position      INTEGER NOT NULL,
                payload       TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS webhooks_by_status ON webhooks (status, position);
            CREATE INDEX IF NOT EXISTS webhooks_by_type ON webhooks (type, position);
            CREATE TABLE IF NOT EXISTS webhook_history (
                event_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                kind     TEXT NOT NULL,
                detail   TEXT,
                at       TEXT NOT NULL,
                PRIMARY KEY (event_id, position)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DROP TABLE IF EXISTS webhooks; DROP TABLE IF EXISTS webhook_history;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        var record = projectedEvent.Record;
        if (!record.StreamId.StartsWith(WebhookInboxStreams.Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var eventId = record.StreamId[WebhookInboxStreams.Prefix.Length..];
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$position", record.Position);
        switch (projectedEvent.Event)
        {
            case WebhookReceived received:
                command.CommandText = """
                    INSERT OR IGNORE INTO webhooks (event_id, type, mode, status, attempts, created_at, received_at, updated_at, position, payload)
                    VALUES ($id, $type, $mode, 'received', 0, $created, $at, $at, $position, $payload)
                    """;
                command.Parameters.AddWithValue("$type", received.EventType);
                command.Parameters.AddWithValue("$mode", (object?)received.Mode ?? DBNull.Value);
                command.Parameters.AddWithValue("$created", (object?)received.CreatedAt?.ToString("O") ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", received.ReceivedAt.ToString("O"));
                command.Parameters.AddWithValue("$payload", received.Payload);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await HistoryAsync(connection, transaction, eventId, record.Position, "received", null, received.ReceivedAt, cancellationToken);
                return;
            case WebhookProcessed processed:
                await UpdateAsync(command, "status = 'processed', outcome = $outcome, note = $note", processed.ProcessedAt, cancellationToken, ("$outcome", processed.Outcome), ("$note", processed.Note));
                await HistoryAsync(connection, transaction, eventId, record.Position, "processed", Join(processed.Outcome, processed.Note), processed.ProcessedAt, cancellationToken);
                return;
            case WebhookIgnored ignored:
                await UpdateAsync(command, "status = 'ignored', outcome = $outcome", ignored.IgnoredAt, cancellationToken, ("$outcome", ignored.Reason));
                await HistoryAsync(connection, transaction, eventId, record.Position, "ignored", ignored.Reason, ignored.IgnoredAt, cancellationToken);
                return;
            case WebhookAttemptFailed failed:
                await UpdateAsync(command, "attempts = attempts + 1, last_error = $error", failed.FailedAt, cancellationToken, ("$error", failed.ErrorType + ": " + failed.Reason));
                await HistoryAsync(connection, transaction, eventId, record.Position, "attempt_failed", $"attempt {failed.Attempt}: {failed.ErrorType}: {failed.Reason}", failed.FailedAt, cancellationToken);
                return;
            case WebhookParked parked:
                await UpdateAsync(command, "status = 'parked', outcome = $outcome, last_error = $error", parked.ParkedAt, cancellationToken, ("$outcome", "parked"), ("$error", parked.ErrorType + ": " + parked.Reason));
                await HistoryAsync(connection, transaction, eventId, record.Position, "parked", $"after {parked.Attempts} attempts: {parked.Reason}", parked.ParkedAt, cancellationToken);
                return;
            case WebhookReprocessRequested reprocess:
                await UpdateAsync(command, "status = 'received'", reprocess.RequestedAt, cancellationToken);
                await HistoryAsync(connection, transaction, eventId, record.Position, "reprocess_requested", null, reprocess.RequestedAt, cancellationToken);
                return;
        }
    }

    private static async Task UpdateAsync(SqliteCommand command, string set, DateTimeOffset at, CancellationToken cancellationToken, params (string Name, string? Value)[] values)
    {
        command.CommandText = $"UPDATE webhooks SET {set}, updated_at = $at WHERE event_id = $id";
        command.Parameters.AddWithValue("$at", at.ToString("O"));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task HistoryAsync(SqliteConnection connection, SqliteTransaction transaction, string eventId, long position, string kind, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO webhook_history (event_id, position, kind, detail, at) VALUES ($id, $position, $kind, $detail, $at)";
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$position", position);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Join(string outcome, string? note) => note is null ? outcome : outcome + ": " + note;
}
