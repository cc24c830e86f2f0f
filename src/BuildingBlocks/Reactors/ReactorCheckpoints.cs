using Microsoft.Data.Sqlite;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>
/// Each reactor's position in the global log, in a SQLite file of this instance (<c>{DataDirectory}/reactors/checkpoints.db</c>).
/// Instances do not share checkpoints: two instances both react to every event, and the reactions' idempotence
/// (expected revisions, derived ids) makes the second one append nothing.
/// </summary>
public sealed class ReactorCheckpoints
{
    private readonly string _connectionString;

    public ReactorCheckpoints(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = Path.Combine(Path.GetFullPath(dataDirectory), "reactors");
        Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "checkpoints.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task<long> ReadAsync(string reactor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM reactor_checkpoint WHERE name = $name";
        command.Parameters.AddWithValue("$name", reactor);
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : EventStore.LogPosition.Start;
    }

    public async Task WriteAsync(string reactor, long position, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reactor_checkpoint (name, position) VALUES ($name, $position)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """;
        command.Parameters.AddWithValue("$name", reactor);
        command.Parameters.AddWithValue("$position", position);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS reactor_checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
