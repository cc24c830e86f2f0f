using System.Runtime.CompilerServices;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.UnitTests.Fakes;

/// <summary>
/// A small, single-process implementation of the event-store port: per-stream revisions from 0, a global log with
/// positions from 1, expected-revision checks, and idempotent re-appends of the same run of event ids.
/// </summary>
internal sealed class InMemoryEventStore(TimeProvider timeProvider) : IEventStore
{
    private readonly object _gate = new();
    private readonly List<RecordedEvent> _log = [];

    /// <summary>Runs before each append is checked, with the stream id; lets a test simulate a racing writer.</summary>
    public Action<string>? BeforeAppend { get; set; }

    public int AppendCalls { get; private set; }

    public IReadOnlyList<RecordedEvent> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public IReadOnlyList<RecordedEvent> Stream(string streamId)
    {
        lock (_gate)
        {
            return _log.Where(e => e.StreamId == streamId).OrderBy(e => e.StreamRevision).ToList();
        }
    }

    public Task<AppendResult> AppendToStreamAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(events);
        var hook = BeforeAppend;
        BeforeAppend = null;
        hook?.Invoke(streamId);

        lock (_gate)
        {
            AppendCalls++;
            var current = CurrentRevision(streamId);
            if (events.Count > 0 && _log.FirstOrDefault(e => e.EventId == events[0].EventId) is { } first)
            {
                for (var i = 0; i < events.Count; i++)
                {
                    var stored = _log.FirstOrDefault(e => e.EventId == events[i].EventId);
                    if (stored is null || stored.StreamId != streamId || stored.StreamRevision != first.StreamRevision + i)
                    {
                        throw new DuplicateEventIdException(streamId, events[i].EventId);
                    }
                }

                var revisionBefore = first.StreamRevision - 1;
                if (expected != ExpectedRevision.Any && expected != ExpectedRevision.StreamExists && !expected.IsSatisfiedBy(revisionBefore))
                {
                    throw new WrongExpectedRevisionException(streamId, expected, current);
                }

                var last = _log.First(e => e.EventId == events[^1].EventId);
                return Task.FromResult(new AppendResult(last.StreamRevision, last.Position));
            }

            if (!expected.IsSatisfiedBy(current))
            {
                throw new WrongExpectedRevisionException(streamId, expected, current);
            }

            foreach (var eventData in events)
            {
                if (_log.Any(e => e.EventId == eventData.EventId))
                {
                    throw new DuplicateEventIdException(streamId, eventData.EventId);
                }
            }

            var revision = current;
            foreach (var eventData in events)
            {
                revision++;
                _log.Add(new RecordedEvent(streamId, revision, _log.Count + 1, eventData.EventId, eventData.EventType, eventData.Data, eventData.Metadata, timeProvider.GetUtcNow()));
            }

            return Task.FromResult(new AppendResult(revision, _log.Count));
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<RecordedEvent> page;
        lock (_gate)
        {
            var stream = _log.Where(e => e.StreamId == streamId);
            page = direction == ReadDirection.Forwards
                ? stream.Where(e => e.StreamRevision >= fromRevision).OrderBy(e => e.StreamRevision).Take((int)Math.Min(maxCount, int.MaxValue)).ToList()
                : stream.Where(e => e.StreamRevision <= fromRevision).OrderByDescending(e => e.StreamRevision).Take((int)Math.Min(maxCount, int.MaxValue)).ToList();
        }

        foreach (var recorded in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return recorded;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<RecordedEvent> page;
        lock (_gate)
        {
            page = _log.Where(e => e.Position > afterPosition).Take((int)Math.Min(maxCount, int.MaxValue)).ToList();
        }

        foreach (var recorded in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return recorded;
        }
    }

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_log.Count);
        }
    }

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = afterPosition;
        await foreach (var recorded in ReadAllAsync(afterPosition, long.MaxValue, cancellationToken))
        {
            after = recorded.Position;
            yield return new SubscriptionMessage.Event(recorded);
        }

        yield return new SubscriptionMessage.CaughtUp(after);

        // Nothing in the unit tests appends while subscribed: just wait for cancellation, as the port requires.
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private long CurrentRevision(string streamId) =>
        _log.Where(e => e.StreamId == streamId).Select(e => e.StreamRevision).DefaultIfEmpty(-1).Max();
}
