using Microsoft.Data.Sqlite;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>The checkpoint table that lives in every projection's own file.</summary>
internal static class ProjectionCheckpoints
{
    public static async Task EnsureTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS projection_checkpoint (
                name           TEXT    PRIMARY KEY,
                position       INTEGER NOT NULL,
                schema_version INTEGER NOT NULL
            )
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<(long Position, int SchemaVersion)?> ReadAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, schema_version FROM projection_checkpoint WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetInt32(1))
            : null;
    }

    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string name, long position, int schemaVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO projection_checkpoint (name, position, schema_version) VALUES ($name, $position, $version)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position, schema_version = excluded.schema_version
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$position", position);
        command.Parameters.AddWithValue("$version", schemaVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
