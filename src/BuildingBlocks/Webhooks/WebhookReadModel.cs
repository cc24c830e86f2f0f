using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.BuildingBlocks.Webhooks;

public sealed record WebhookSummary(
    string EventId,
    string Type,
    string? Mode,
    string Status,
    string? Outcome,
    string? Note,
    int FailedAttempts,
    string? LastError,
    DateTimeOffset? CreatedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);

public sealed record WebhookHistoryEntry(string Kind, string? Detail, DateTimeOffset At);

public sealed record WebhookDetails(WebhookSummary Summary, string Payload, IReadOnlyList<WebhookHistoryEntry> History);

/// <summary>Reads the <see cref="WebhooksProjection"/>: newest first, filtered by status and type.</summary>
public sealed class WebhookReadModel(ReadModelDatabase database)
{
    private const string Columns = "event_id, type, mode, status, outcome, note, attempts, last_error, created_at, received_at, updated_at";

    public static IReadOnlySet<string> Statuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        WebhookInboxState.Received, WebhookInboxState.Processed, WebhookInboxState.Ignored, WebhookInboxState.Parked,
    };

    public async Task<IReadOnlyList<WebhookSummary>> ListAsync(string? status, string? type, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM webhooks WHERE 1 = 1");
        if (status is not null)
        {
            sql.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", status);
        }

        if (type is not null)
        {
            sql.Append(" AND type = $type");
            command.Parameters.AddWithValue("$type", type);
        }

        sql.Append(" ORDER BY position DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        command.CommandText = sql.ToString();
        var rows = new List<WebhookSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<long> CountAsync(string status, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM webhooks WHERE status = $status";
        command.Parameters.AddWithValue("$status", status);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<WebhookDetails?> FindAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, payload FROM webhooks WHERE event_id = $id";
        command.Parameters.AddWithValue("$id", eventId);
        WebhookSummary summary;
        string payload;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            summary = Read(reader);
            payload = reader.GetString(11);
        }

        await using var history = connection.CreateCommand();
        history.CommandText = "SELECT kind, detail, at FROM webhook_history WHERE event_id = $id ORDER BY position";
        history.Parameters.AddWithValue("$id", eventId);
        var entries = new List<WebhookHistoryEntry>();
        await using var rows = await history.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            entries.Add(new WebhookHistoryEntry(rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1), Time(rows.GetString(2))));
        }

        return new WebhookDetails(summary, payload, entries);
    }

    private Task<SqliteConnection?> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenForReadingAsync(WebhooksProjection.ProjectionName, "webhooks", cancellationToken);

    private static WebhookSummary Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        NullableString(reader, 2),
        reader.GetString(3),
        NullableString(reader, 4),
        NullableString(reader, 5),
        reader.GetInt32(6),
        NullableString(reader, 7),
        NullableString(reader, 8) is { } created ? Time(created) : null,
        Time(reader.GetString(9)),
        Time(reader.GetString(10)));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
