namespace ModularPayments.EventStore.Sqlite;

public sealed class SqliteEventStoreOptions
{
    /// <summary>Path of the database file; created with its folder when missing.</summary>
    public required string FilePath { get; init; }

    /// <summary>How often a live subscription looks for events written by another process.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rows read per round trip by reads and subscriptions.</summary>
    public int PageSize { get; init; } = 512;

    /// <summary>
    /// Most appends one group commit takes from the queue: bounds how long one transaction holds the write lock, while
    /// leaving room for every writer of a busy process to share one fsync.
    /// </summary>
    public int MaxAppendsPerCommit { get; init; } = 256;
}
