namespace ModularPayments.EventStore.EventStoreDb;

public sealed class EventStoreDbOptions
{
    /// <summary>
    /// Compare an append's event ids with the stream before appending (one extra stream read per append), so that
    /// re-appends behave exactly as the port promises. Without it, EventStoreDB's own idempotency applies: a retry is
    /// recognised only when it carries the same expected revision as the original.
    /// </summary>
    public bool VerifyEventIdsBeforeAppend { get; init; } = true;

    /// <summary>Events the server considers per filter step (the .NET client's ExcludeSystemEvents uses 32).</summary>
    public uint FilterSearchWindow { get; init; } = 32;

    /// <summary>A subscription checkpoint arrives every <see cref="FilterSearchWindow"/> × this many considered events.</summary>
    public uint CheckpointIntervalMultiplier { get; init; } = 32;

    /// <summary>The first wait before a dropped subscription reconnects; it doubles after each failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed attempts after which the subscription gives up and throws the last error.</summary>
    public int MaxReconnectAttempts { get; init; } = 20;

    /// <summary>The largest response message accepted (EventStoreDB's largest event is 16 MiB).</summary>
    public int MaxReceiveMessageLength { get; init; } = 32 * 1024 * 1024;
}
