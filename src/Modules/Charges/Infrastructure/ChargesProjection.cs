using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>
/// The charges read model: one row per charge, ordered by where its request appeared in the log. A charge's events
/// arrive in stream order and the aggregate only moves forward, so each event just sets what it knows.
/// </summary>
internal sealed class ChargesProjection : IReadModelProjection
{
    public const string ProjectionName = "charges";

    public string Name => ProjectionName;

    public int SchemaVersion => 1;

    public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS charges (
                id                     TEXT    PRIMARY KEY,
                seq                    INTEGER NOT NULL UNIQUE,
                kind                   TEXT    NOT NULL,
                customer_id            TEXT    NOT NULL,
                payment_method_id      TEXT,
                subscription_id        TEXT,
                amount                 INTEGER NOT NULL,
                currency               TEXT    NOT NULL,
                description            TEXT,
                metadata               TEXT    NOT NULL,
                status                 TEXT    NOT NULL,
                fintoc_id              TEXT,
                failure_reason         TEXT,
                mismatch_fields        TEXT,
                mismatch_detail        TEXT,
                mismatch_fintoc_id     TEXT,
                mismatch_event_id      TEXT,
                mismatch_detected_at   TEXT,
                created_at             TEXT    NOT NULL,
                submitted_at           TEXT,
                settled_at             TEXT,
                updated_at             TEXT    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_charges_customer ON charges (customer_id, seq);
            CREATE INDEX IF NOT EXISTS ix_charges_method ON charges (payment_method_id, seq);
            CREATE INDEX IF NOT EXISTS ix_charges_status ON charges (status, seq);
            """, cancellationToken);
    }

    public Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS charges", cancellationToken);

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        switch (projectedEvent.Event)
        {
            case ChargeRequested requested:
                command.CommandText = """
                    INSERT INTO charges (id, seq, kind, customer_id, payment_method_id, subscription_id, amount, currency, description,
                                         metadata, status, created_at, updated_at)
                    VALUES ($id, $seq, $kind, $customer_id, $payment_method_id, $subscription_id, $amount, $currency, $description,
                            $metadata, 'pending', $at, $at)
                    ON CONFLICT (id) DO NOTHING
                    """;
                Add(command, requested.ChargeId, requested.RequestedAt);
                command.Parameters.AddWithValue("$seq", projectedEvent.Record.Position);
                command.Parameters.AddWithValue("$kind", requested.Kind);
                command.Parameters.AddWithValue("$customer_id", requested.CustomerId.ToString("D"));
                command.Parameters.AddWithValue("$payment_method_id", Nullable(requested.PaymentMethodId?.ToString("D")));
                command.Parameters.AddWithValue("$subscription_id", Nullable(requested.SubscriptionId));
                command.Parameters.AddWithValue("$amount", requested.Amount);
                command.Parameters.AddWithValue("$currency", requested.Currency);
                command.Parameters.AddWithValue("$description", Nullable(requested.Description));
                command.Parameters.AddWithValue("$metadata", JsonSerializer.Serialize(requested.Metadata));
                break;
            case ChargeSubmitted submitted:
                command.CommandText = "UPDATE charges SET fintoc_id = $fintoc_id, submitted_at = $at, updated_at = MAX(updated_at, $at) WHERE id = $id";
                Add(command, submitted.ChargeId, submitted.SubmittedAt);
                command.Parameters.AddWithValue("$fintoc_id", submitted.FintocId);
                break;
            case ChargeSucceeded succeeded:
                command.CommandText = "UPDATE charges SET status = 'succeeded', fintoc_id = $fintoc_id, settled_at = $at, updated_at = MAX(updated_at, $at) WHERE id = $id";
                Add(command, succeeded.ChargeId, succeeded.SucceededAt);
                command.Parameters.AddWithValue("$fintoc_id", succeeded.FintocId);
                break;
            case ChargeFailed failed:
                command.CommandText = """
                    UPDATE charges SET status = 'failed', fintoc_id = COALESCE($fintoc_id, fintoc_id), failure_reason = $reason,
                                       settled_at = $at, updated_at = MAX(updated_at, $at)
                    WHERE id = $id
                    """;
                Add(command, failed.ChargeId, failed.FailedAt);
                command.Parameters.AddWithValue("$fintoc_id", Nullable(failed.FintocId));
                command.Parameters.AddWithValue("$reason", failed.Reason);
                break;
            case ChargeMismatchDetected mismatch:
                command.CommandText = """
                    UPDATE charges SET mismatch_fields = $fields, mismatch_detail = $detail, mismatch_fintoc_id = $fintoc_id,
                                       mismatch_event_id = $event_id, mismatch_detected_at = $at, updated_at = MAX(updated_at, $at)
                    WHERE id = $id
                    """;
                Add(command, mismatch.ChargeId, mismatch.DetectedAt);
                command.Parameters.AddWithValue("$fields", string.Join(',', mismatch.Fields));
                command.Parameters.AddWithValue("$detail", mismatch.Detail);
                command.Parameters.AddWithValue("$fintoc_id", mismatch.FintocId);
                command.Parameters.AddWithValue("$event_id", Nullable(mismatch.FintocEventId));
                break;
            case ChargeSubmissionAttemptFailed attempt:
                command.CommandText = "UPDATE charges SET updated_at = MAX(updated_at, $at) WHERE id = $id";
                Add(command, attempt.ChargeId, attempt.FailedAt);
                break;
            case ChargeUpdateIgnored ignored:
                command.CommandText = "UPDATE charges SET updated_at = MAX(updated_at, $at) WHERE id = $id";
                Add(command, ignored.ChargeId, ignored.IgnoredAt);
                break;
            default:
                return;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static void Add(SqliteCommand command, Guid id, DateTimeOffset at)
    {
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.Parameters.AddWithValue("$at", Timestamp(at));
    }

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
