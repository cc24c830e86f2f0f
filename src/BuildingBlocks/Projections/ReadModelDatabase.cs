using Microsoft.Data.Sqlite;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>Opens the SQLite file of a projection under <c>{DataDirectory}/projections</c>.</summary>
public sealed class ReadModelDatabase
{
    private readonly string _directory;

    public ReadModelDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _directory = Path.Combine(Path.GetFullPath(dataDirectory), "projections");
        Directory.CreateDirectory(_directory);
    }

    public string FilePathOf(string projectionName) => Path.Combine(_directory, projectionName + ".db");

    public async Task<SqliteConnection> OpenAsync(string projectionName, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePathOf(projectionName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A connection for reading <paramref name="table"/>, or null while its projection has not created it yet (a fresh
    /// start, a rebuild in progress): readers answer "nothing yet" instead of failing.
    /// </summary>
    public async Task<SqliteConnection?> OpenForReadingAsync(string projectionName, string table, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(projectionName, cancellationToken);
        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $table";
        probe.Parameters.AddWithValue("$table", table);
        if (await probe.ExecuteScalarAsync(cancellationToken) is null)
        {
            await connection.DisposeAsync();
            return null;
        }

        return connection;
    }
}
