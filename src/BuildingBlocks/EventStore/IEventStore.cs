namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>
/// The event-store port. Adapters: the embedded SQLite store (default) and EventStoreDB.
/// Both run the same contract test suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically. Throws <see cref="WrongExpectedRevisionException"/> when the
    /// stream is not where <paramref name="expected"/> says; re-appending events whose ids are already the stream's
    /// latest events succeeds without writing them twice.
    /// </summary>
    Task<AppendResult> AppendToStreamAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a stream from <paramref name="fromRevision"/> (inclusive). A stream that does not exist yields nothing.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default);

    /// <summary>Reads the global log forwards, starting after <paramref name="afterPosition"/>.</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, long maxCount, CancellationToken cancellationToken = default);

    /// <summary>The position of the newest event in the global log, or <see cref="LogPosition.Start"/> when it is empty.</summary>
    Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays the global log after <paramref name="afterPosition"/>, reports <see cref="SubscriptionMessage.CaughtUp"/>,
    /// then goes on delivering new events as they are appended, until cancelled.
    /// </summary>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(long afterPosition, CancellationToken cancellationToken = default);
}
