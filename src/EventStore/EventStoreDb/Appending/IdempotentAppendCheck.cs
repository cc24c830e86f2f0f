using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.EventStore.EventStoreDb.Appending;

/// <summary>
/// EventStoreDB itself acknowledges a retried append only when the retry carries the same expectation as the original;
/// with an expectation that fits where the stream is now, it would store the events a second time. The port promises
/// more (see the contract suite), so before appending, the adapter compares the event ids with the stream's events,
/// exactly as the SQLite adapter does with its event-id index. What it cannot see: ids stored in other streams.
/// </summary>
internal static class IdempotentAppendCheck
{
    /// <summary>
    /// The original result when <paramref name="events"/> are already stored as one run in <paramref name="stored"/>;
    /// null when none of them is stored (the append goes ahead). Throws when they are stored otherwise, or when the
    /// expectation fits neither the run nor the stream.
    /// </summary>
    public static AppendResult? Evaluate(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, IReadOnlyList<RecordedEvent> stored)
    {
        var byId = new Dictionary<Guid, RecordedEvent>();
        foreach (var recorded in stored)
        {
            byId.TryAdd(recorded.EventId, recorded);
        }

        if (!byId.TryGetValue(events[0].EventId, out var first))
        {
            var reused = events.FirstOrDefault(e => byId.ContainsKey(e.EventId));
            return reused is null ? null : throw new DuplicateEventIdException(streamId, reused.EventId);
        }

        var last = first;
        for (var index = 1; index < events.Count; index++)
        {
            if (!byId.TryGetValue(events[index].EventId, out var recorded) || recorded.StreamRevision != first.StreamRevision + index)
            {
                throw new DuplicateEventIdException(streamId, events[index].EventId);
            }

            last = recorded;
        }

        var current = stored.Count == 0 ? -1 : stored[^1].StreamRevision;
        var revisionBefore = first.StreamRevision - 1;
        if (expected != ExpectedRevision.Any && expected != ExpectedRevision.StreamExists && !expected.IsSatisfiedBy(revisionBefore))
        {
            // Where the writer expects the stream to be, nobody wrote in between: the events are just not this write's
            // to make again, and a conflict would name an actual revision equal to the expected one.
            if (expected.IsSatisfiedBy(current))
            {
                throw new DuplicateEventIdException(streamId, events[0].EventId);
            }

            throw new WrongExpectedRevisionException(streamId, expected, current);
        }

        return new AppendResult(last.StreamRevision, last.Position);
    }
}
