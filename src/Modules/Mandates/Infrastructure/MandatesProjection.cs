using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Domain.Calendar;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>
/// Which mandates exist, for whom, on which method, in which status, and when each is next due: enough to choose them
/// (lists, the billing engine, a canceled method); what is shown is then read from each mandate's stream.
/// </summary>
internal sealed class MandatesProjection : IReadModelProjection
{
    public const string ProjectionName = "mandates";

    public string Name => ProjectionName;

    public int SchemaVersion => 4;

    public Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS mandates (
                id                 TEXT    PRIMARY KEY,
                seq                INTEGER NOT NULL UNIQUE,
                customer_id        TEXT    NOT NULL,
                payment_method_id  TEXT,
                status             TEXT    NOT NULL,
                next_charge_at     TEXT
            );
            CREATE INDEX IF NOT EXISTS ix_mandates_customer ON mandates (customer_id, seq);
            CREATE INDEX IF NOT EXISTS ix_mandates_status ON mandates (status, id);
            CREATE INDEX IF NOT EXISTS ix_mandates_due ON mandates (next_charge_at, id) WHERE next_charge_at IS NOT NULL;
            CREATE INDEX IF NOT EXISTS ix_mandates_method ON mandates (payment_method_id);
            CREATE TABLE IF NOT EXISTS billing_days (
                day        TEXT    PRIMARY KEY,
                due        INTEGER NOT NULL DEFAULT 0,
                submitted  INTEGER NOT NULL DEFAULT 0,
                retried    INTEGER NOT NULL DEFAULT 0,
                succeeded  INTEGER NOT NULL DEFAULT 0,
                failed     INTEGER NOT NULL DEFAULT 0
            );
            """, cancellationToken);

    public Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS mandates; DROP TABLE IF EXISTS billing_days", cancellationToken);

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        switch (projectedEvent.Event)
        {
            case MandateCreated created:
                command.CommandText = """
                    INSERT INTO mandates (id, seq, customer_id, payment_method_id, status) VALUES ($id, $seq, $customer_id, $method, 'pending_authorization')
                    ON CONFLICT (id) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$id", created.MandateId.ToString("D"));
                command.Parameters.AddWithValue("$seq", projectedEvent.Record.Position);
                command.Parameters.AddWithValue("$customer_id", created.CustomerId.ToString("D"));
                command.Parameters.AddWithValue("$method", (object?)created.PaymentMethodId?.ToString("D") ?? DBNull.Value);
                break;
            case MandateChargeRequested requested:
                Count(
                    command,
                    (requested.DueDate, "due = due + 1"),
                    (ChileBankingCalendar.LocalDate(requested.RequestedAt), requested.Attempt > 1 ? "submitted = submitted + 1, retried = retried + 1" : "submitted = submitted + 1"));
                break;
            case MandateChargeSucceeded succeeded:
                Count(command, (ChileBankingCalendar.LocalDate(succeeded.SucceededAt), "succeeded = succeeded + 1"));
                break;
            case MandateChargeFailed failed:
                Count(command, (ChileBankingCalendar.LocalDate(failed.FailedAt), "failed = failed + 1"));
                break;
            case MandateNextChargeScheduled scheduled:
                command.CommandText = "UPDATE mandates SET next_charge_at = $next WHERE id = $id";
                command.Parameters.AddWithValue("$id", scheduled.MandateId.ToString("D"));
                command.Parameters.AddWithValue("$next", scheduled.NextChargeAt is { } next ? Timestamp(next) : DBNull.Value);
                break;
            default:
                if (StatusAfter(projectedEvent.Event) is not { } change)
                {
                    return;
                }

                command.CommandText = "UPDATE mandates SET status = $status WHERE id = $id";
                command.Parameters.AddWithValue("$id", change.MandateId.ToString("D"));
                command.Parameters.AddWithValue("$status", change.Status.Name());
                break;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (Guid MandateId, MandateStatus Status)? StatusAfter(object? domainEvent) => domainEvent switch
    {
        MandateActivated e => (e.MandateId, MandateStatus.Active),
        MandateResumed e => (e.MandateId, MandateStatus.Active),
        MandatePaused e => (e.MandateId, MandateStatus.Paused),
        MandateRequiresAction e => (e.MandateId, MandateStatus.RequiresAction),
        MandateCanceled e => (e.MandateId, MandateStatus.Canceled),
        MandateRevoked e => (e.MandateId, MandateStatus.Revoked),
        MandateAuthorizationFailed e => (e.MandateId, MandateStatus.Failed),
        _ => null,
    };

    /// <summary>
    /// One more of something on a Santiago day: the billing-run summary by day. An attempt counts as due on the day its
    /// period (or retry) fell due and as submitted on the day it was recorded, so a late run shows on both days.
    /// </summary>
    private static void Count(SqliteCommand command, params (DateOnly Day, string Increments)[] counts)
    {
        var sql = new System.Text.StringBuilder();
        for (var i = 0; i < counts.Length; i++)
        {
            sql.Append($"INSERT INTO billing_days (day) VALUES ($day{i}) ON CONFLICT (day) DO NOTHING; UPDATE billing_days SET {counts[i].Increments} WHERE day = $day{i};");
            command.Parameters.AddWithValue($"$day{i}", counts[i].Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        command.CommandText = sql.ToString();
    }

    /// <summary>UTC, fixed width: text order is time order.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
