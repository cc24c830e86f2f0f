using Microsoft.Data.Sqlite;

namespace ModularPayments.EventStore.Tests;

/// <summary>A database file path in the temp folder, deleted (with its WAL and shared-memory files) on disposal.</summary>
public sealed class TempDatabaseFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modularpayments-es-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        // Pooled connections keep the file open; close them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(Path + suffix);
            }
            catch (IOException)
            {
                // Best effort: a file another test still holds open is left to the OS temp cleaner.
            }
        }
    }
}
