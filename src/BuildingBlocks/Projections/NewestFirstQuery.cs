using System.Text;
using Microsoft.Data.Sqlite;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>One page of a newest-first list, and whether an older page follows.</summary>
public sealed record NewestFirstPage<T>(IReadOnlyList<T> Rows, bool HasMore);

/// <summary>
/// A newest-first list over a read-model table whose rows have an increasing <c>seq</c> and a text <c>id</c>, as every
/// <c>GET /v1/…</c> list pages: filters are conditions with their parameters, the cursor is the id of the previous page's
/// last row, and one row more than the page is read to know whether another page follows. Table and column names are
/// the caller's constants; every value goes in as a parameter.
/// </summary>
public sealed class NewestFirstQuery(SqliteCommand command, string table, string columns)
{
    private readonly StringBuilder _conditions = new();
    private string? _cursor;

    /// <summary>Only rows older than the one <paramref name="cursor"/> names (none: from the newest).</summary>
    public NewestFirstQuery After(Guid? cursor)
    {
        if (cursor is { } id)
        {
            _cursor = id.ToString("D");
            Where($"seq < (SELECT seq FROM {table} WHERE id = $cursor)", "$cursor", _cursor);
        }

        return this;
    }

    public NewestFirstQuery Where(string condition, string parameter, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        _conditions.Append(" AND ").Append(condition);
        command.Parameters.AddWithValue(parameter, value);
        return this;
    }

    /// <summary>At most <paramref name="limit"/> rows, newest first; null when the cursor names no row of the table.</summary>
    public async Task<NewestFirstPage<T>?> ReadAsync<T>(int limit, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_cursor is not null && !await CursorExistsAsync(cancellationToken))
        {
            return null;
        }

        command.CommandText = $"SELECT {columns} FROM {table} WHERE 1 = 1{_conditions} ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        var hasMore = rows.Count > limit;
        return new NewestFirstPage<T>(hasMore ? rows[..limit] : rows, hasMore);
    }

    private async Task<bool> CursorExistsAsync(CancellationToken cancellationToken)
    {
        await using var exists = command.Connection!.CreateCommand();
        exists.Transaction = command.Transaction;
        exists.CommandText = $"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = $id)";
        exists.Parameters.AddWithValue("$id", _cursor);
        return Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
