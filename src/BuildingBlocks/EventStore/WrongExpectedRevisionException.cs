namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>Optimistic concurrency: somebody else wrote to the stream first. Nothing was appended.</summary>
public sealed class WrongExpectedRevisionException(string streamId, ExpectedRevision expected, long actualRevision)
    : Exception($"Stream '{streamId}' was expected at revision {expected} but is at {(actualRevision < 0 ? "no_stream" : actualRevision)}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    /// <summary>The stream's last revision, -1 when it does not exist.</summary>
    public long ActualRevision { get; } = actualRevision;
}
