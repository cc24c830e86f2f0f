using Grpc.Core;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>Stream reads, global reads and the head position against recorded exchanges, over HTTP/2.</summary>
public sealed class ReadOverHttp2Tests : FakeNodeTestBase
{
    [Fact]
    public async Task A_stream_read_yields_the_events_as_frames_arrive_even_split_and_ignores_the_position_markers()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        Node.Then(async exchange =>
        {
            await exchange.SendAsync(ProtocolMessages.Event("orders-1", 0, 100, ids[0], withReadPosition: false), splitFrame: true);
            await exchange.SendAsync(ProtocolMessages.Event("orders-1", 1, 250, ids[1], withReadPosition: false), splitFrame: true);
            await exchange.SendAsync(ProtocolMessages.LastStreamPosition(1));
            exchange.CompleteWithTrailers(StatusCode.OK);
        });
        using var store = Store();

        var events = await CollectAsync(store.ReadStreamAsync("orders-1", ReadDirection.Forwards, 0, 10));

        Assert.Equal(ids, events.Select(e => e.EventId));
        Assert.Equal([0L, 1L], events.Select(e => e.StreamRevision));
        Assert.Equal([100L, 250L], events.Select(e => e.Position));
        var request = Assert.Single(Node.Calls).Message(0, ReadReq.Parser).Options;
        Assert.Equal(10UL, request.Count);
        Assert.Equal(ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Start, request.Stream.RevisionOptionCase);
    }

    [Fact]
    public async Task A_missing_stream_is_empty_whether_the_server_says_stream_not_found_or_answers_the_older_not_found_error()
    {
        Node.ThenReply(ProtocolMessages.StreamNotFound("nowhere"))
            .ThenTrailersOnly(StatusCode.NotFound, "Event stream 'nowhere' is not found.", ("exception", "stream-not-found"), ("stream-name", "nowhere"));
        using var store = Store();

        Assert.Empty(await CollectAsync(store.ReadStreamAsync("nowhere", ReadDirection.Forwards, 0, long.MaxValue)));
        Assert.Empty(await CollectAsync(store.ReadStreamAsync("nowhere", ReadDirection.Backwards, StreamRevision.End, 5)));
        Assert.Equal(2, Node.Calls.Count);
    }

    [Fact]
    public async Task Other_read_errors_are_reported_with_their_status()
    {
        Node.ThenTrailersOnly(StatusCode.FailedPrecondition, "Event stream 'gone' is deleted.", ("exception", "stream-deleted"), ("stream-name", "gone"))
            .ThenTrailersOnly(StatusCode.NotFound, "Leader info available", ("exception", "not-leader"));
        using var store = Store();

        var deleted = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.ReadStreamAsync("gone", ReadDirection.Forwards, 0, 10)));
        var notLeaderWithoutAddress = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.ReadStreamAsync("gone", ReadDirection.Forwards, 0, 10)));

        Assert.Equal("stream-deleted", deleted.ErrorKind);
        Assert.Equal("not-leader", notLeaderWithoutAddress.ErrorKind);
    }

    [Fact]
    public async Task A_read_cut_mid_stream_is_a_transient_unavailable_error_after_the_events_that_arrived()
    {
        var first = Guid.NewGuid();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Node.Then(async exchange =>
        {
            await exchange.SendAsync(ProtocolMessages.Event("orders-2", 0, 100, first));
            await firstArrived.Task.WaitAsync(Timeout);
            await exchange.SendRawAsync(GrpcExchange.Frame(ProtocolMessages.Event("orders-2", 1, 200, Guid.NewGuid()))[..9]);
            exchange.Abort();
        });
        using var store = Store();
        var received = new List<RecordedEvent>();

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(async () =>
        {
            await foreach (var e in store.ReadStreamAsync("orders-2", ReadDirection.Forwards, 0, 10))
            {
                received.Add(e);
                firstArrived.TrySetResult();
            }
        });

        Assert.Equal(first, Assert.Single(received).EventId);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task A_response_that_ends_without_a_status_is_a_transient_error()
    {
        Node.Then(exchange => exchange.SendAsync(ProtocolMessages.Event("orders-3", 0, 100, Guid.NewGuid())));
        using var store = Store();

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.ReadStreamAsync("orders-3", ReadDirection.Forwards, 0, 10)));

        Assert.Contains("without a gRPC status", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task A_message_longer_than_the_receive_limit_is_refused_not_read()
    {
        Node.ThenReply(ProtocolMessages.Event("orders-big", 0, 100, Guid.NewGuid()));
        using var store = Store(new EventStoreDbOptions { VerifyEventIdsBeforeAppend = false, MaxReceiveMessageLength = 64 });

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => CollectAsync(store.ReadStreamAsync("orders-big", ReadDirection.Forwards, 0, 10)));

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Reading_all_after_a_position_skips_the_event_at_that_position_and_honours_maxCount()
    {
        Node.ThenReply(
            ProtocolMessages.Event("a", 3, 5000, Guid.NewGuid()),
            ProtocolMessages.Event("b", 0, 5100, Guid.NewGuid()),
            ProtocolMessages.Event("a", 4, 5200, Guid.NewGuid()),
            ProtocolMessages.Event("c", 0, 5300, Guid.NewGuid()));
        using var store = Store();

        var events = await CollectAsync(store.ReadAllAsync(5000, 2));

        Assert.Equal([5100L, 5200L], events.Select(e => e.Position));
        var request = Assert.Single(Node.Calls).Message(0, ReadReq.Parser).Options;
        Assert.Equal(3UL, request.Count);
        Assert.Equal(5000UL, request.All.Position.CommitPosition);
    }

    [Fact]
    public async Task Reading_zero_events_makes_no_call()
    {
        using var store = Store();

        Assert.Empty(await CollectAsync(store.ReadAllAsync(0, 0)));
        Assert.Empty(await CollectAsync(store.ReadStreamAsync("x", ReadDirection.Forwards, 0, 0)));
        Assert.Empty(Node.Calls);
    }

    [Fact]
    public async Task The_head_is_the_newest_non_system_event_or_the_start_of_an_empty_log()
    {
        Node.ThenReply(ProtocolMessages.Event("orders-4", 9, 77_000, Guid.NewGuid())).ThenReply();
        using var store = Store();

        Assert.Equal(77_000, await store.ReadHeadPositionAsync());
        Assert.Equal(LogPosition.Start, await store.ReadHeadPositionAsync());
        var request = Node.Calls.First().Message(0, ReadReq.Parser).Options;
        Assert.Equal(ReadReq.Types.Options.Types.ReadDirection.Backwards, request.ReadDirection);
        Assert.Equal(1UL, request.Count);
    }
}
