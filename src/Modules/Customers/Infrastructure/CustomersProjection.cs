using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.Modules.Customers.Domain.Customers;

namespace ModularPayments.Modules.Customers.Infrastructure;

/// <summary>The customers read model: one row per registered customer, ordered by its place in the log.</summary>
internal sealed class CustomersProjection : IReadModelProjection
{
    public const string ProjectionName = "customers";

    public string Name => ProjectionName;

    public int SchemaVersion => 2;

    public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS customers (
                id            TEXT    PRIMARY KEY,
                seq           INTEGER NOT NULL UNIQUE,
                name          TEXT,
                email         TEXT,
                tax_id_type   TEXT,
                tax_id_value  TEXT,
                metadata      TEXT    NOT NULL,
                created_at    TEXT    NOT NULL,
                fintoc_customer_id TEXT
            );
            CREATE INDEX IF NOT EXISTS ix_customers_fintoc ON customers (fintoc_customer_id);
            CREATE INDEX IF NOT EXISTS ix_customers_email ON customers (email, seq);
            CREATE INDEX IF NOT EXISTS ix_customers_tax_id ON customers (tax_id_value, seq);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DROP TABLE IF EXISTS customers";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        if (projectedEvent.Event is CustomerLinkedToFintoc linked)
        {
            await using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "UPDATE customers SET fintoc_customer_id = $fintoc WHERE id = $id";
            link.Parameters.AddWithValue("$fintoc", linked.FintocCustomerId);
            link.Parameters.AddWithValue("$id", linked.CustomerId.ToString("D"));
            await link.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        if (projectedEvent.Event is not CustomerRegistered registered)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO customers (id, seq, name, email, tax_id_type, tax_id_value, metadata, created_at)
            VALUES ($id, $seq, $name, $email, $tax_id_type, $tax_id_value, $metadata, $created_at)
            ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", registered.CustomerId.ToString("D"));
        command.Parameters.AddWithValue("$seq", projectedEvent.Record.Position);
        command.Parameters.AddWithValue("$name", (object?)registered.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$email", (object?)registered.Email ?? DBNull.Value);
        command.Parameters.AddWithValue("$tax_id_type", (object?)registered.TaxIdType ?? DBNull.Value);
        command.Parameters.AddWithValue("$tax_id_value", (object?)registered.TaxIdValue ?? DBNull.Value);
        command.Parameters.AddWithValue("$metadata", JsonSerializer.Serialize(registered.Metadata, JsonDefaults.Events));
        command.Parameters.AddWithValue("$created_at", registered.RegisteredAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
