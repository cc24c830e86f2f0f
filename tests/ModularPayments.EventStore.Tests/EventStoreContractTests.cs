using System.Collections.Concurrent;
using System.Text;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.Tests.Skipping;

namespace ModularPayments.EventStore.Tests;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> adapter must show. An adapter's test class derives from this one and
/// supplies a store; the whole suite then runs against it.
/// </summary>
/// <remarks>
/// The suite is written so that it also holds for a shared server store (EventStoreDB): every test uses its own
/// random stream names, never assumes that positions start at 1 or are contiguous, compares positions only with one
/// another, and reads the global log (or subscribes) only after the head position taken at the start of the test,
/// filtering on its own streams. Positions are opaque: a test passes back only positions the store handed out (or
/// <see cref="LogPosition.Start"/>), never one computed from them, because EventStoreDB positions are byte offsets in
/// its log and a made-up one points into the middle of a record.
/// </remarks>
public abstract class EventStoreContractTests : IAsyncLifetime
{
    private IEventStore? _store;

    protected IEventStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>How long any single wait on the store may take before the test fails.</summary>
    protected virtual TimeSpan Timeout => TimeSpan.FromSeconds(15);

    /// <summary>
    /// True when the store made by <see cref="CreateStoreAsync"/> is fresh, empty and used by this test alone, so that
    /// exact statements about the head of the global log hold. A shared server store overrides this with false.
    /// </summary>
    protected virtual bool StoreIsExclusiveToTest => true;

    /// <summary>Creates a fresh, empty store for one test.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    /// <summary>Releases the store made by <see cref="CreateStoreAsync"/>; the default disposes it.</summary>
    protected virtual async Task DisposeStoreAsync(IEventStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
            default:
                break;
        }
    }

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
            _store = null;
        }
    }

    // ---------------------------------------------------------------- appends and expected revisions

    [ContractFact]
    public async Task Append_with_NoStream_creates_the_stream_at_revisions_from_zero()
    {
        var stream = NewStreamId();
        var events = NewEvents(3);

        var result = await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(2, result.NextExpectedRevision);
        var stored = await ReadStreamAsync(stream);
        Assert.Equal([0L, 1L, 2L], stored.Select(e => e.StreamRevision));
        Assert.Equal(events.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.All(stored, e => Assert.Equal(stream, e.StreamId));
    }

    [ContractFact]
    public async Task Append_with_Any_creates_a_new_stream_and_extends_an_existing_one()
    {
        var stream = NewStreamId();

        var first = await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, NewEvents(2));
        var second = await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, NewEvents(1));

        Assert.Equal(1, first.NextExpectedRevision);
        Assert.Equal(2, second.NextExpectedRevision);
        Assert.True(second.Position > first.Position);
        Assert.Equal([0L, 1L, 2L], (await ReadStreamAsync(stream)).Select(e => e.StreamRevision));
    }

    [ContractFact]
    public async Task Append_with_StreamExists_extends_an_existing_stream()
    {
        var stream = NewStreamId();
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(1));

        var result = await Store.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, NewEvents(2));

        Assert.Equal(2, result.NextExpectedRevision);
        Assert.Equal(3, (await ReadStreamAsync(stream)).Count);
    }

    [ContractFact]
    public async Task Append_with_StreamExists_to_a_missing_stream_is_refused_and_stores_nothing()
    {
        var stream = NewStreamId();
        var head = await Store.ReadHeadPositionAsync();
        var events = NewEvents(2);

        var refused = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, events));

        Assert.Equal(-1, refused.ActualRevision);
        Assert.Equal(stream, refused.StreamId);
        Assert.Equal(ExpectedRevision.StreamExists, refused.Expected);
        Assert.Empty(await ReadStreamAsync(stream));
        await AssertNotInLogAsync(head, events);
    }

    [ContractFact]
    public async Task Append_with_the_exact_current_revision_succeeds()
    {
        var stream = NewStreamId();
        var first = await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(2));

        var second = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(first.NextExpectedRevision), NewEvents(3));
        var third = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(second.NextExpectedRevision), NewEvents(1));

        Assert.Equal(4, second.NextExpectedRevision);
        Assert.Equal(5, third.NextExpectedRevision);
        Assert.Equal([0L, 1L, 2L, 3L, 4L, 5L], (await ReadStreamAsync(stream)).Select(e => e.StreamRevision));
    }

    [ContractTheory]
    [InlineData("no_stream on an existing stream", 2)]
    [InlineData("stream_exists on a missing stream", 0)]
    [InlineData("exact below the current revision", 3)]
    [InlineData("exact above the current revision", 2)]
    [InlineData("exact on a missing stream", 0)]
    public async Task Append_with_a_wrong_expected_revision_is_refused_with_the_actual_revision_and_stores_nothing(string situation, int eventsAlreadyInStream)
    {
        var expected = situation switch
        {
            "no_stream on an existing stream" => ExpectedRevision.NoStream,
            "stream_exists on a missing stream" => ExpectedRevision.StreamExists,
            "exact below the current revision" => ExpectedRevision.Exact(eventsAlreadyInStream - 2),
            "exact above the current revision" => ExpectedRevision.Exact(eventsAlreadyInStream + 5),
            "exact on a missing stream" => ExpectedRevision.Exact(0),
            _ => throw new ArgumentOutOfRangeException(nameof(situation), situation, null),
        };
        var stream = NewStreamId();
        var existing = NewEvents(eventsAlreadyInStream);
        if (eventsAlreadyInStream > 0)
        {
            await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, existing);
        }

        var head = await Store.ReadHeadPositionAsync();
        var attempted = NewEvents(2);

        var refused = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStreamAsync(stream, expected, attempted));

        Assert.Equal(eventsAlreadyInStream - 1, refused.ActualRevision);
        Assert.Equal(expected, refused.Expected);
        Assert.Equal(stream, refused.StreamId);
        Assert.Equal(existing.Select(e => e.EventId), (await ReadStreamAsync(stream)).Select(e => e.EventId));
        await AssertNotInLogAsync(head, attempted);

        // The refused events were not half-stored: appending them now with the right expectation works.
        var retried = await Store.AppendToStreamAsync(stream, ExpectedRevision.FromLastRevision(refused.ActualRevision), attempted);
        Assert.Equal(eventsAlreadyInStream + 1, retried.NextExpectedRevision);
    }

    // ---------------------------------------------------------------- reading streams

    [ContractFact]
    public async Task ReadStream_forwards_from_a_revision_honours_maxCount()
    {
        var stream = NewStreamId();
        var events = NewEvents(10);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        var page = await ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 2, maxCount: 3);
        var rest = await ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 7, maxCount: 100);

        Assert.Equal([2L, 3L, 4L], page.Select(e => e.StreamRevision));
        Assert.Equal(events.Skip(2).Take(3).Select(e => e.EventId), page.Select(e => e.EventId));
        Assert.Equal([7L, 8L, 9L], rest.Select(e => e.StreamRevision));
        Assert.Empty(await ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 10, maxCount: 5));
        Assert.Empty(await ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 0, maxCount: 0));
    }

    [ContractFact]
    public async Task ReadStream_backwards_from_a_revision_honours_maxCount()
    {
        var stream = NewStreamId();
        var events = NewEvents(10);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        var fromEnd = await ReadStreamAsync(stream, ReadDirection.Backwards, StreamRevision.End, maxCount: 3);
        var fromMiddle = await ReadStreamAsync(stream, ReadDirection.Backwards, fromRevision: 4, maxCount: 100);
        var single = await ReadStreamAsync(stream, ReadDirection.Backwards, fromRevision: 6, maxCount: 1);

        Assert.Equal([9L, 8L, 7L], fromEnd.Select(e => e.StreamRevision));
        Assert.Equal(events[9].EventId, fromEnd[0].EventId);
        Assert.Equal([4L, 3L, 2L, 1L, 0L], fromMiddle.Select(e => e.StreamRevision));
        Assert.Equal(events.Take(5).Reverse().Select(e => e.EventId), fromMiddle.Select(e => e.EventId));
        Assert.Equal(events[6].EventId, Assert.Single(single).EventId);
    }

    [ContractFact]
    public async Task ReadStream_of_a_long_stream_returns_every_event_in_order()
    {
        // Longer than any sensible page, so adapters that page their reads are exercised across page borders.
        const int count = 1200;
        var stream = NewStreamId();
        var events = NewEvents(count);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        var forwards = await ReadStreamAsync(stream);
        var backwards = await ReadStreamAsync(stream, ReadDirection.Backwards, StreamRevision.End, long.MaxValue);

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), forwards.Select(e => e.StreamRevision));
        Assert.Equal(events.Select(e => e.EventId), forwards.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(0, count).Reverse().Select(i => (long)i), backwards.Select(e => e.StreamRevision));
        AssertStrictlyIncreasing(forwards.Select(e => e.Position));
    }

    [ContractFact]
    public async Task Reading_a_missing_stream_yields_nothing()
    {
        var stream = NewStreamId();
        await Store.AppendToStreamAsync(NewStreamId(), ExpectedRevision.NoStream, NewEvents(2));

        Assert.Empty(await ReadStreamAsync(stream));
        Assert.Empty(await ReadStreamAsync(stream, ReadDirection.Backwards, StreamRevision.End, long.MaxValue));
        Assert.Empty(await ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 5, maxCount: 10));
    }

    // ---------------------------------------------------------------- global log

    [ContractFact]
    public async Task Positions_increase_strictly_across_streams_and_the_append_result_holds_the_last_events_position()
    {
        var streamA = NewStreamId("a");
        var streamB = NewStreamId("b");
        var head = await Store.ReadHeadPositionAsync();

        var results = new List<(string Stream, IReadOnlyList<EventData> Events, AppendResult Result)>();
        foreach (var (stream, size) in new[] { (streamA, 2), (streamB, 3), (streamA, 1), (streamB, 1), (streamA, 4) })
        {
            var events = NewEvents(size);
            var expected = results.Any(r => r.Stream == stream) ? ExpectedRevision.StreamExists : ExpectedRevision.NoStream;
            results.Add((stream, events, await Store.AppendToStreamAsync(stream, expected, events)));
        }

        AssertStrictlyIncreasing(results.Select(r => r.Result.Position));
        Assert.True(results[0].Result.Position > head);

        var log = await ReadAllMineAsync(head, streamA, streamB);
        Assert.Equal(results.SelectMany(r => r.Events).Select(e => e.EventId), log.Select(e => e.EventId));
        AssertStrictlyIncreasing(log.Select(e => e.Position));

        var byId = log.ToDictionary(e => e.EventId);
        foreach (var (stream, events, result) in results)
        {
            Assert.Equal(result.Position, byId[events[^1].EventId].Position);
            Assert.Equal(result.NextExpectedRevision, byId[events[^1].EventId].StreamRevision);
            Assert.All(events, e => Assert.True(byId[e.EventId].Position <= result.Position));
        }

        // A stream read reports the same positions as the global log.
        foreach (var recorded in await ReadStreamAsync(streamA))
        {
            Assert.Equal(byId[recorded.EventId].Position, recorded.Position);
        }
    }

    [ContractFact]
    public async Task ReadAll_returns_the_events_after_a_position_in_order()
    {
        var streamA = NewStreamId("a");
        var streamB = NewStreamId("b");
        var head = await Store.ReadHeadPositionAsync();
        var eventsA = NewEvents(3);
        var eventsB = NewEvents(2);
        var resultA = await Store.AppendToStreamAsync(streamA, ExpectedRevision.NoStream, eventsA);
        await Store.AppendToStreamAsync(streamB, ExpectedRevision.NoStream, eventsB);

        var everything = await ReadAllMineAsync(head, streamA, streamB);
        var afterA = await ReadAllMineAsync(resultA.Position, streamA, streamB);
        var afterFirst = await ReadAllMineAsync(everything[0].Position, streamA, streamB);

        Assert.Equal(eventsA.Concat(eventsB).Select(e => e.EventId), everything.Select(e => e.EventId));
        Assert.Equal(eventsB.Select(e => e.EventId), afterA.Select(e => e.EventId));
        Assert.Equal(everything.Skip(1).Select(e => e.EventId), afterFirst.Select(e => e.EventId));
        Assert.All(everything, e => Assert.True(e.Position > head));

        var limited = await CollectAsync(Store.ReadAllAsync(head, 2));
        Assert.Equal(2, limited.Count);
        AssertStrictlyIncreasing(limited.Select(e => e.Position));
        Assert.Empty(await CollectAsync(Store.ReadAllAsync(head, 0)));

        var afterEverything = await CollectAsync(Store.ReadAllAsync(everything[^1].Position, long.MaxValue));
        Assert.DoesNotContain(afterEverything, e => e.StreamId == streamA || e.StreamId == streamB);

        if (StoreIsExclusiveToTest)
        {
            Assert.Equal(everything.Select(e => e.EventId), (await CollectAsync(Store.ReadAllAsync(LogPosition.Start, long.MaxValue))).Select(e => e.EventId));
            Assert.Empty(afterEverything);
        }
    }

    [ContractFact]
    public async Task ReadAll_of_many_events_crosses_page_borders_without_loss()
    {
        const int count = 1100;
        var streams = Enumerable.Range(0, 4).Select(i => NewStreamId($"p{i}")).ToArray();
        var head = await Store.ReadHeadPositionAsync();
        var written = new List<Guid>();
        for (var round = 0; round < count / 100; round++)
        {
            foreach (var stream in streams)
            {
                var events = NewEvents(25);
                await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, events);
                written.AddRange(events.Select(e => e.EventId));
            }
        }

        var log = await ReadAllMineAsync(head, streams);

        Assert.Equal(written, log.Select(e => e.EventId));
        AssertStrictlyIncreasing(log.Select(e => e.Position));
    }

    [ContractFact]
    public async Task ReadHeadPosition_follows_the_appends()
    {
        var stream = NewStreamId();
        var before = await Store.ReadHeadPositionAsync();
        if (StoreIsExclusiveToTest)
        {
            Assert.Equal(LogPosition.Start, before);
        }

        var first = await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(3));
        var afterFirst = await Store.ReadHeadPositionAsync();
        var second = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(2), NewEvents(1));
        var afterSecond = await Store.ReadHeadPositionAsync();

        Assert.True(first.Position > before);
        Assert.True(afterFirst >= first.Position);
        Assert.True(afterSecond >= second.Position);
        Assert.True(afterSecond > afterFirst);
        if (StoreIsExclusiveToTest)
        {
            Assert.Equal(first.Position, afterFirst);
            Assert.Equal(second.Position, afterSecond);
        }

        // Nothing of ours lies after the head we read last.
        Assert.DoesNotContain(await CollectAsync(Store.ReadAllAsync(afterSecond, long.MaxValue)), e => e.StreamId == stream);
    }

    // ---------------------------------------------------------------- idempotency and event ids

    [ContractFact]
    public async Task Reappending_the_same_events_with_Any_returns_the_same_result_and_stores_them_once()
    {
        var stream = NewStreamId();
        var head = await Store.ReadHeadPositionAsync();
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(2));
        var events = NewEvents(3);

        var original = await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, events);
        var again = await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, events);
        var yetAgain = await Store.AppendToStreamAsync(stream, ExpectedRevision.Any, events);

        Assert.Equal(original, again);
        Assert.Equal(original, yetAgain);
        Assert.Equal(5, (await ReadStreamAsync(stream)).Count);
        await AssertStoredOnceAsync(head, stream, events);
    }

    [ContractFact]
    public async Task Reappending_the_same_events_with_NoStream_returns_the_same_result_and_stores_them_once()
    {
        var stream = NewStreamId();
        var head = await Store.ReadHeadPositionAsync();
        var events = NewEvents(2);

        var original = await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        var again = await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        Assert.Equal(original, again);
        Assert.Equal(1, again.NextExpectedRevision);
        Assert.Equal(2, (await ReadStreamAsync(stream)).Count);
        await AssertStoredOnceAsync(head, stream, events);
    }

    [ContractFact]
    public async Task Reappending_the_same_events_with_the_same_exact_revision_returns_the_same_result_and_stores_them_once()
    {
        var stream = NewStreamId();
        var head = await Store.ReadHeadPositionAsync();
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(3));
        var events = NewEvents(2);

        var original = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(2), events);
        var again = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(2), events);

        Assert.Equal(original, again);
        Assert.Equal(4, again.NextExpectedRevision);
        Assert.Equal(5, (await ReadStreamAsync(stream)).Count);
        await AssertStoredOnceAsync(head, stream, events);

        // The stream still moves on normally afterwards.
        var next = await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(4), NewEvents(1));
        Assert.Equal(5, next.NextExpectedRevision);
    }

    [ContractFact]
    public async Task Reusing_an_event_id_in_another_stream_is_refused_and_stores_nothing()
    {
        var streamA = NewStreamId("a");
        var streamB = NewStreamId("b");
        var events = NewEvents(2);
        await Store.AppendToStreamAsync(streamA, ExpectedRevision.NoStream, events);
        var head = await Store.ReadHeadPositionAsync();
        var fresh = NewEvent();

        var refused = await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => Store.AppendToStreamAsync(streamB, ExpectedRevision.Any, [events[0]]));
        await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => Store.AppendToStreamAsync(streamB, ExpectedRevision.NoStream, [fresh, events[1]]));

        Assert.Equal(events[0].EventId, refused.EventId);
        Assert.Equal(streamB, refused.StreamId);
        Assert.Empty(await ReadStreamAsync(streamB));
        Assert.Equal(events.Select(e => e.EventId), (await ReadStreamAsync(streamA)).Select(e => e.EventId));
        await AssertNotInLogAsync(head, [fresh]);
    }

    [ContractFact]
    public async Task Reappending_stored_events_as_a_different_run_is_refused_and_stores_nothing()
    {
        var stream = NewStreamId();
        var events = NewEvents(2);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        var head = await Store.ReadHeadPositionAsync();
        var fresh = NewEvent();

        // A stored event followed by a new one is not a retry of an earlier append.
        await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => Store.AppendToStreamAsync(stream, ExpectedRevision.Any, [events[1], fresh]));

        Assert.Equal(events.Select(e => e.EventId), (await ReadStreamAsync(stream)).Select(e => e.EventId));
        await AssertNotInLogAsync(head, [fresh]);
    }

    [ContractFact]
    public async Task Reappending_stored_events_with_an_expectation_that_fits_the_stream_but_not_their_run_is_a_duplicate_not_a_conflict()
    {
        // E.g. a command retried with the same idempotency key after its first run was stored: it expects the stream
        // where it now is, but its (deterministic) event ids are stored further back. Nobody else wrote in between,
        // so reporting a revision conflict (with an actual revision that matches the expectation) would be false and
        // would only make callers retry in vain.
        var stream = NewStreamId();
        var events = NewEvents(2);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(1), NewEvents(1));
        var head = await Store.ReadHeadPositionAsync();

        var refused = await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(2), events));
        await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => Store.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, [events[1], events[0]]));

        Assert.Equal(stream, refused.StreamId);
        Assert.Contains(refused.EventId, events.Select(e => e.EventId));
        Assert.Equal(3, (await ReadStreamAsync(stream)).Count);
        Assert.DoesNotContain(await CollectAsync(Store.ReadAllAsync(head, long.MaxValue)), e => e.StreamId == stream);

        // An expectation the stream does not meet is still a conflict, reported with the actual revision.
        var conflict = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(7), events));
        Assert.Equal(2, conflict.ActualRevision);
    }

    [ContractFact]
    public async Task Data_metadata_type_and_id_round_trip_byte_for_byte()
    {
        var stream = NewStreamId();
        var random = new Random(20240611);
        var binary = new byte[64 * 1024];
        random.NextBytes(binary);
        binary[0] = 0;
        binary[^1] = 0xFF;
        var binaryMetadata = new byte[300];
        random.NextBytes(binaryMetadata);
        var events = new List<EventData>
        {
            new(Guid.NewGuid(), "PaymentAuthorised", Encoding.UTF8.GetBytes("""{"amount":"12.50","currency":"EUR","note":"naïve café ☕ 🚀"}"""), Encoding.UTF8.GetBytes("""{"correlationId":"c-1"}""")),
            new(Guid.NewGuid(), "payments.v2/Überweisung-ausgeführt ✓", binary, binaryMetadata),
            new(Guid.NewGuid(), "Nul\0Bytes", [0, 0, 0, 1, 0], [0]),
            new(new Guid("ffffffff-ffff-ffff-ffff-fffffffffffe"), "Edge", [0x7B, 0x7D], [0x7B, 0x7D]),
        };
        var before = DateTimeOffset.UtcNow;
        var head = await Store.ReadHeadPositionAsync();

        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        var stored = await ReadStreamAsync(stream);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(events.Count, stored.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].EventId, stored[i].EventId);
            Assert.Equal(events[i].EventType, stored[i].EventType);
            Assert.Equal(events[i].Data, stored[i].Data);
            Assert.Equal(events[i].Metadata, stored[i].Metadata);
            // Generous bounds: a server's clock may differ a little from ours.
            Assert.InRange(stored[i].CreatedAt, before.AddMinutes(-5), after.AddMinutes(5));
        }

        // The global log hands out the same bytes.
        var fromLog = (await CollectAsync(Store.ReadAllAsync(head, long.MaxValue)))
            .Where(e => e.StreamId == stream)
            .ToList();
        Assert.Equal(events.Select(e => e.Data), fromLog.Select(e => e.Data));
        Assert.Equal(events.Select(e => e.Metadata), fromLog.Select(e => e.Metadata));
    }

    [ContractFact]
    public async Task Empty_data_and_metadata_round_trip()
    {
        var stream = NewStreamId();
        var events = new List<EventData> { new(Guid.NewGuid(), "Empty", [], []), new(Guid.NewGuid(), "EmptyData", [], [1, 2, 3]) };

        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        var stored = await ReadStreamAsync(stream);

        Assert.Empty(stored[0].Data);
        Assert.Empty(stored[0].Metadata);
        Assert.Empty(stored[1].Data);
        Assert.Equal([1, 2, 3], stored[1].Metadata);
    }

    // ---------------------------------------------------------------- subscriptions

    [ContractFact]
    public async Task Subscription_replays_from_a_checkpoint_reports_caught_up_then_delivers_live_events()
    {
        var streamA = NewStreamId("a");
        var streamB = NewStreamId("b");
        var streamC = NewStreamId("c");
        bool Mine(RecordedEvent e) => e.StreamId == streamA || e.StreamId == streamB || e.StreamId == streamC;
        var head = await Store.ReadHeadPositionAsync();
        var eventsA = NewEvents(3);
        var eventsB = NewEvents(2);
        await Store.AppendToStreamAsync(streamA, ExpectedRevision.NoStream, eventsA);
        var lastStored = await Store.AppendToStreamAsync(streamB, ExpectedRevision.NoStream, eventsB);
        var checkpoint = (await ReadAllMineAsync(head, streamA))[0].Position;

        await using var subscription = new SubscriptionProbe(Store, checkpoint, Timeout);
        var (replayed, caughtUp) = await subscription.ReadUntilCaughtUpAsync(Mine);

        // Everything after the checkpoint, nothing at or before it, in log order.
        Assert.Equal(eventsA.Skip(1).Concat(eventsB).Select(e => e.EventId), replayed.Select(e => e.EventId));
        AssertStrictlyIncreasing(replayed.Select(e => e.Position));
        Assert.True(caughtUp.Position >= lastStored.Position, $"Caught up at {caughtUp.Position}, before the last stored event at {lastStored.Position}.");

        var live = NewEvents(2);
        var liveResult = await Store.AppendToStreamAsync(streamC, ExpectedRevision.NoStream, live);
        var liveMore = NewEvent();
        await Store.AppendToStreamAsync(streamA, ExpectedRevision.Exact(2), [liveMore]);
        var delivered = await subscription.ReadEventsAsync(Mine, 3);

        Assert.Equal(live.Select(e => e.EventId).Append(liveMore.EventId), delivered.Select(e => e.EventId));
        Assert.Equal(liveResult.Position, delivered[1].Position);
        Assert.Equal(streamC, delivered[0].StreamId);
        Assert.Equal([0L, 1L, 3L], delivered.Select(e => e.StreamRevision));
        Assert.Equal(live[0].Data, delivered[0].Data);

        // Across the whole subscription: in log order, each event once.
        var allMine = subscription.Received.OfType<SubscriptionMessage.Event>().Select(m => m.Record).Where(Mine).ToList();
        AssertStrictlyIncreasing(allMine.Select(e => e.Position));
        Assert.Equal(allMine.Count, allMine.Select(e => e.EventId).Distinct().Count());
    }

    [ContractFact]
    public async Task Subscription_from_the_head_catches_up_at_once_and_every_subscriber_gets_live_events()
    {
        var stream = NewStreamId();
        bool Mine(RecordedEvent e) => e.StreamId == stream;
        await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(2));
        var head = await Store.ReadHeadPositionAsync();

        await using var first = new SubscriptionProbe(Store, head, Timeout);
        await using var second = new SubscriptionProbe(Store, head, Timeout);
        var (replayedFirst, _) = await first.ReadUntilCaughtUpAsync(Mine);
        var (replayedSecond, _) = await second.ReadUntilCaughtUpAsync(Mine);
        Assert.Empty(replayedFirst);
        Assert.Empty(replayedSecond);

        var live = NewEvents(3);
        await Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(1), live);

        Assert.Equal(live.Select(e => e.EventId), (await first.ReadEventsAsync(Mine, 3)).Select(e => e.EventId));
        Assert.Equal(live.Select(e => e.EventId), (await second.ReadEventsAsync(Mine, 3)).Select(e => e.EventId));
    }

    [ContractFact]
    public async Task Subscription_delivers_events_appended_one_by_one_while_it_waits()
    {
        var stream = NewStreamId();
        bool Mine(RecordedEvent e) => e.StreamId == stream;
        var head = await Store.ReadHeadPositionAsync();
        await using var subscription = new SubscriptionProbe(Store, head, Timeout);
        await subscription.ReadUntilCaughtUpAsync(Mine);

        var written = new List<Guid>();
        var deliveredSoFar = 0;
        for (var i = 0; i < 20; i++)
        {
            var e = NewEvent();
            written.Add(e.EventId);
            await Store.AppendToStreamAsync(stream, ExpectedRevision.FromLastRevision(i - 1), [e]);
            if (i % 5 == 0)
            {
                // Sometimes wait for the delivery before writing on, so both the waiting and the busy path are taken.
                var caughtUpWith = await subscription.ReadEventsAsync(Mine, written.Count - deliveredSoFar);
                deliveredSoFar = written.Count;
                Assert.Equal(e.EventId, caughtUpWith[^1].EventId);
            }
        }

        await subscription.ReadEventsAsync(Mine, written.Count - deliveredSoFar);
        var delivered = subscription.Received.OfType<SubscriptionMessage.Event>().Select(m => m.Record).Where(Mine).ToList();
        Assert.Equal(written, delivered.Select(e => e.EventId));
        AssertStrictlyIncreasing(delivered.Select(e => e.Position));
    }

    [ContractFact]
    public async Task Subscription_stops_when_cancelled()
    {
        var head = await Store.ReadHeadPositionAsync();
        await using var subscription = new SubscriptionProbe(Store, head, Timeout);
        await subscription.ReadUntilCaughtUpAsync(_ => false);

        Assert.True(await subscription.CancelAndWaitForEndAsync(), "The subscription kept running after cancellation.");
    }

    // ---------------------------------------------------------------- concurrency

    [ContractFact]
    public async Task Concurrent_writers_lose_and_duplicate_nothing()
    {
        const int writers = 8;
        const int appendsPerWriter = 30;
        var shared = NewStreamId("shared");
        var own = Enumerable.Range(0, writers).Select(i => NewStreamId($"own{i}")).ToArray();
        var head = await Store.ReadHeadPositionAsync();
        var batches = new ConcurrentBag<(string Stream, IReadOnlyList<EventData> Events, AppendResult Result)>();
        var conflicts = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await start.Task;
            var onShared = writer % 2 == 0;
            var stream = onShared ? shared : own[writer];
            var lastKnown = -1L;
            for (var i = 0; i < appendsPerWriter; i++)
            {
                var events = NewEvents(1 + ((writer + i) % 3));
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 10_000, "A writer never got its append through.");
                    try
                    {
                        var result = await Store.AppendToStreamAsync(stream, ExpectedRevision.FromLastRevision(lastKnown), events);
                        lastKnown = result.NextExpectedRevision;
                        batches.Add((stream, events, result));

                        // Let the other writers in before the next append, so the shared stream sees real races.
                        await Task.Yield();
                        break;
                    }
                    catch (WrongExpectedRevisionException conflict)
                    {
                        Assert.True(onShared, "A writer alone on its stream met a conflict.");
                        Assert.True(conflict.ActualRevision > lastKnown);
                        lastKnown = conflict.ActualRevision;
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));

        var written = batches.SelectMany(b => b.Events).Select(e => e.EventId).ToHashSet();
        var allStreams = own.Where((_, i) => i % 2 == 1).Append(shared).ToArray();

        // The shared stream: every revision 0..n-1 exactly once, each batch stored as one unbroken run.
        var sharedBatches = batches.Where(b => b.Stream == shared).ToList();
        var sharedEvents = await ReadStreamAsync(shared);
        Assert.Equal(sharedBatches.Sum(b => b.Events.Count), sharedEvents.Count);
        Assert.Equal(Enumerable.Range(0, sharedEvents.Count).Select(i => (long)i), sharedEvents.Select(e => e.StreamRevision));
        Assert.Equal(sharedEvents.Count, sharedEvents.Select(e => e.EventId).Distinct().Count());
        var sharedById = sharedEvents.ToDictionary(e => e.EventId);
        foreach (var (_, events, result) in sharedBatches)
        {
            var last = sharedById[events[^1].EventId];
            Assert.Equal(result.NextExpectedRevision, last.StreamRevision);
            Assert.Equal(result.Position, last.Position);
            for (var k = 0; k < events.Count; k++)
            {
                Assert.Equal(last.StreamRevision - (events.Count - 1 - k), sharedById[events[k].EventId].StreamRevision);
            }
        }

        // Each writer's own stream holds exactly its events in its order.
        foreach (var stream in own.Where((_, i) => i % 2 == 1))
        {
            var expected = batches.Where(b => b.Stream == stream).OrderBy(b => b.Result.NextExpectedRevision).SelectMany(b => b.Events).Select(e => e.EventId);
            Assert.Equal(expected, (await ReadStreamAsync(stream)).Select(e => e.EventId));
        }

        // The global log: every written event once, nothing else of ours, positions strictly increasing.
        var log = await ReadAllMineAsync(head, allStreams);
        Assert.Equal(written.Count, log.Count);
        Assert.Equal(written.Count, batches.Sum(b => b.Events.Count));
        Assert.True(written.SetEquals(log.Select(e => e.EventId)));
        AssertStrictlyIncreasing(log.Select(e => e.Position));
        Assert.Equal(batches.Count, batches.Select(b => b.Result.Position).Distinct().Count());
    }

    [ContractTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Racing_appends_with_the_same_expectation_let_exactly_one_win(bool streamExistsAlready)
    {
        const int racers = 16;
        var stream = NewStreamId();
        if (streamExistsAlready)
        {
            await Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, NewEvents(3));
        }

        var expected = streamExistsAlready ? ExpectedRevision.Exact(2) : ExpectedRevision.NoStream;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, racers).Select(_ => NewEvents(2)).ToList();
        var tasks = attempts.Select(events => Task.Run(async () =>
        {
            await start.Task;
            return await Store.AppendToStreamAsync(stream, expected, events);
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(60));

        var winners = tasks.Select((task, index) => (task, index)).Where(t => t.task.IsCompletedSuccessfully).ToList();
        var (winnerTask, winnerIndex) = Assert.Single(winners);
        var losers = tasks.Where(t => !t.IsCompletedSuccessfully).ToList();
        Assert.Equal(racers - 1, losers.Count);
        var winningRevision = streamExistsAlready ? 4 : 1;
        Assert.All(losers, loser =>
        {
            var conflict = Assert.IsType<WrongExpectedRevisionException>(loser.Exception?.InnerException);
            Assert.Equal(winningRevision, conflict.ActualRevision);
        });

        Assert.Equal(winningRevision, (await winnerTask).NextExpectedRevision);
        var stored = await ReadStreamAsync(stream);
        Assert.Equal(winningRevision + 1, stored.Count);
        Assert.Equal(attempts[winnerIndex].Select(e => e.EventId), stored.TakeLast(2).Select(e => e.EventId));
    }

    // ---------------------------------------------------------------- helpers

    protected static string NewStreamId(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    protected static EventData NewEvent(string type = "TestEvent")
    {
        var id = Guid.NewGuid();
        return new EventData(id, type, Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""), Encoding.UTF8.GetBytes($$"""{"by":"{{type}}"}"""));
    }

    protected static List<EventData> NewEvents(int count) => Enumerable.Range(0, count).Select(_ => NewEvent()).ToList();

    protected Task<List<RecordedEvent>> ReadStreamAsync(string stream) =>
        ReadStreamAsync(stream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue);

    protected Task<List<RecordedEvent>> ReadStreamAsync(string stream, ReadDirection direction, long fromRevision, long maxCount) =>
        CollectAsync(Store.ReadStreamAsync(stream, direction, fromRevision, maxCount));

    /// <summary>The global log after <paramref name="afterPosition"/>, restricted to <paramref name="streams"/>.</summary>
    protected async Task<List<RecordedEvent>> ReadAllMineAsync(long afterPosition, params string[] streams)
    {
        var wanted = streams.ToHashSet(StringComparer.Ordinal);
        return (await CollectAsync(Store.ReadAllAsync(afterPosition, long.MaxValue))).Where(e => wanted.Contains(e.StreamId)).ToList();
    }

    protected async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var timeout = new CancellationTokenSource(Timeout);
        var items = new List<T>();
        await foreach (var item in source.WithCancellation(timeout.Token))
        {
            items.Add(item);
        }

        return items;
    }

    protected static void AssertStrictlyIncreasing(IEnumerable<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long? previous = null;
        foreach (var value in values)
        {
            Assert.True(previous is null || value > previous, $"{value} does not follow {previous} strictly.");
            previous = value;
        }
    }

    private async Task AssertNotInLogAsync(long afterPosition, IEnumerable<EventData> events)
    {
        var ids = events.Select(e => e.EventId).ToHashSet();
        var log = await CollectAsync(Store.ReadAllAsync(afterPosition, long.MaxValue));
        Assert.DoesNotContain(log, e => ids.Contains(e.EventId));
    }

    private async Task AssertStoredOnceAsync(long afterPosition, string stream, IReadOnlyList<EventData> events)
    {
        var inStream = (await ReadStreamAsync(stream)).Where(e => events.Any(x => x.EventId == e.EventId)).ToList();
        var inLog = (await ReadAllMineAsync(afterPosition, stream)).Where(e => events.Any(x => x.EventId == e.EventId)).ToList();
        Assert.Equal(events.Select(e => e.EventId), inStream.Select(e => e.EventId));
        Assert.Equal(events.Select(e => e.EventId), inLog.Select(e => e.EventId));
    }
}
