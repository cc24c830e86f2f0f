using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.EventStore.Sqlite;

/// <summary>
/// One caller's append waiting for the next group commit. It is either taken into a commit or abandoned by its caller's
/// cancellation, never both: once taken, it is written and answered even if the caller stopped waiting.
/// </summary>
internal sealed class PendingAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Abandoned = 2;
    private int _state;

    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    public IReadOnlyList<EventData> Events { get; } = events;

    public TaskCompletionSource<AppendResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public void Abandon(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued)
        {
            Outcome.TrySetCanceled(cancellationToken);
        }
    }
}
