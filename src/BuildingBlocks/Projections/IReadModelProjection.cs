using Microsoft.Data.Sqlite;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>
/// A read model fed from the global log. Each projection owns one SQLite file; its rows and its checkpoint are
/// written in the same transaction, so replaying an event it already applied is impossible, and a rebuild is
/// dropping the tables and replaying from the start.
/// </summary>
public interface IReadModelProjection
{
    /// <summary>Stable name: the file name and the key of its checkpoint (lowercase, letters, digits and hyphens).</summary>
    string Name { get; }

    /// <summary>Bump it when the tables change shape: a projection whose stored version differs is rebuilt at start-up.</summary>
    int SchemaVersion { get; }

    Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken);

    Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken);

    Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken);
}
