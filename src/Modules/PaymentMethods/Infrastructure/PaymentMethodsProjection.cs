using System.Globalization;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

/// <summary>
/// The payment-methods read model: one row per method, ordered by where it first appeared in the log. Events of one
/// method arrive in stream order and the aggregate only moves forward, so each event just sets what it knows.
/// </summary>
internal sealed class PaymentMethodsProjection : IReadModelProjection
{
    public const string ProjectionName = "payment-methods";

    public string Name => ProjectionName;

    public int SchemaVersion => 1;

    public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS payment_methods (
                id                        TEXT    PRIMARY KEY,
                seq                       INTEGER NOT NULL UNIQUE,
                customer_id               TEXT,
                type                      TEXT,
                status                    TEXT    NOT NULL,
                institution_id            TEXT,
                institution_name          TEXT,
                institution_country       TEXT,
                account_type              TEXT,
                account_last4             TEXT,
                card_brand                TEXT,
                card_last4                TEXT,
                fintoc_payment_method_id  TEXT    NOT NULL,
                fintoc_customer_id        TEXT,
                setup_session_id          TEXT,
                created_at                TEXT    NOT NULL,
                activated_at              TEXT,
                canceled_at               TEXT,
                updated_at                TEXT    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_payment_methods_customer ON payment_methods (customer_id, seq);
            CREATE INDEX IF NOT EXISTS ix_payment_methods_status ON payment_methods (status, seq);
            """, cancellationToken);
    }

    public Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS payment_methods", cancellationToken);

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$seq", projectedEvent.Record.Position);
        switch (projectedEvent.Event)
        {
            case PaymentMethodRecorded recorded:
                command.CommandText = Upsert(
                    "customer_id, fintoc_customer_id, setup_session_id",
                    "$customer_id, $fintoc_customer_id, $setup_session_id",
                    "customer_id = excluded.customer_id, fintoc_customer_id = COALESCE(excluded.fintoc_customer_id, fintoc_customer_id), setup_session_id = excluded.setup_session_id");
                Add(command, recorded.PaymentMethodId, recorded.FintocPaymentMethodId, "pending", recorded.RecordedAt);
                command.Parameters.AddWithValue("$customer_id", recorded.CustomerId.ToString("D"));
                command.Parameters.AddWithValue("$fintoc_customer_id", Nullable(recorded.FintocCustomerId));
                command.Parameters.AddWithValue("$setup_session_id", recorded.SetupSessionId.ToString("D"));
                break;
            case PaymentMethodActivated activated:
                command.CommandText = Upsert(
                    "customer_id, fintoc_customer_id, type, institution_id, institution_name, institution_country, account_type, account_last4, card_brand, card_last4, activated_at",
                    "$customer_id, $fintoc_customer_id, $type, $institution_id, $institution_name, $institution_country, $account_type, $account_last4, $card_brand, $card_last4, $at",
                    """
                    status = excluded.status, customer_id = COALESCE(customer_id, excluded.customer_id),
                    fintoc_customer_id = COALESCE(fintoc_customer_id, excluded.fintoc_customer_id), type = excluded.type,
                    institution_id = excluded.institution_id, institution_name = excluded.institution_name,
                    institution_country = excluded.institution_country, account_type = excluded.account_type,
                    account_last4 = excluded.account_last4, card_brand = excluded.card_brand, card_last4 = excluded.card_last4,
                    activated_at = excluded.activated_at
                    """);
                Add(command, activated.PaymentMethodId, activated.FintocPaymentMethodId, "active", activated.ActivatedAt);
                command.Parameters.AddWithValue("$customer_id", Nullable(activated.CustomerId?.ToString("D")));
                command.Parameters.AddWithValue("$fintoc_customer_id", Nullable(activated.FintocCustomerId));
                command.Parameters.AddWithValue("$type", activated.Type);
                command.Parameters.AddWithValue("$institution_id", Nullable(activated.InstitutionId));
                command.Parameters.AddWithValue("$institution_name", Nullable(activated.InstitutionName));
                command.Parameters.AddWithValue("$institution_country", Nullable(activated.InstitutionCountry));
                command.Parameters.AddWithValue("$account_type", Nullable(activated.AccountType));
                command.Parameters.AddWithValue("$account_last4", Nullable(activated.AccountLast4));
                command.Parameters.AddWithValue("$card_brand", Nullable(activated.CardBrand));
                command.Parameters.AddWithValue("$card_last4", Nullable(activated.CardLast4));
                break;
            case PaymentMethodCanceled canceled:
                command.CommandText = Upsert(
                    "customer_id, fintoc_customer_id, canceled_at",
                    "$customer_id, $fintoc_customer_id, $at",
                    """
                    status = excluded.status, customer_id = COALESCE(customer_id, excluded.customer_id),
                    fintoc_customer_id = COALESCE(fintoc_customer_id, excluded.fintoc_customer_id), canceled_at = excluded.canceled_at
                    """);
                Add(command, canceled.PaymentMethodId, canceled.FintocPaymentMethodId, "canceled", canceled.CanceledAt);
                command.Parameters.AddWithValue("$customer_id", Nullable(canceled.CustomerId?.ToString("D")));
                command.Parameters.AddWithValue("$fintoc_customer_id", Nullable(canceled.FintocCustomerId));
                break;
            default:
                return;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts the row the first time a method is seen; afterwards updates it (a Recorded never moves the status back).</summary>
    private static string Upsert(string columns, string values, string updates) => $"""
        INSERT INTO payment_methods (id, seq, status, fintoc_payment_method_id, created_at, updated_at, {columns})
        VALUES ($id, $seq, $status, $fintoc_payment_method_id, $at, $at, {values})
        ON CONFLICT (id) DO UPDATE SET {updates}, updated_at = excluded.updated_at
        """;

    private static void Add(SqliteCommand command, Guid id, string fintocPaymentMethodId, string status, DateTimeOffset at)
    {
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$fintoc_payment_method_id", fintocPaymentMethodId);
        command.Parameters.AddWithValue("$at", Timestamp(at));
    }

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
