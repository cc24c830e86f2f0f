using Grpc.Core;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Protocol;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>Append against recorded exchanges: every answer the facts file lists, over HTTP/2.</summary>
public sealed class AppendOverHttp2Tests : FakeNodeTestBase
{
    private static readonly List<EventData> TwoEvents = [EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray()), EventData.Json(Guid.NewGuid(), "B", "{}"u8.ToArray())];

    [Fact]
    public async Task A_successful_append_sends_one_client_stream_and_returns_the_revision_and_commit_position()
    {
        Node.ThenReply(ProtocolMessages.Success(revision: 1, position: 18_446));
        using var store = Store();

        var result = await store.AppendToStreamAsync("orders-1", ExpectedRevision.NoStream, TwoEvents);

        Assert.Equal(new AppendResult(1, 18_446), result);
        var call = Assert.Single(Node.Calls);
        Assert.Equal("/event_store.client.streams.Streams/Append", call.Path);
        Assert.Equal("HTTP/2", call.Protocol);
        Assert.Equal("application/grpc", call.Headers["content-type"]);
        Assert.Equal("trailers", call.Headers["te"]);
        Assert.Equal("True", call.Headers["requires-leader"]);
        Assert.Equal("10S", call.Headers["grpc-timeout"]);
        Assert.False(call.Headers.ContainsKey("authorization"));
        Assert.Equal(3, call.Messages.Count);
        var options = call.Message(0, AppendReq.Parser).Options;
        Assert.Equal("orders-1", options.StreamIdentifier.StreamName.ToStringUtf8());
        Assert.Equal(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream, options.ExpectedStreamRevisionCase);
        Assert.Equal(TwoEvents.Select(e => e.EventId), call.Messages.Skip(1).Select(m => Uuids.ToGuid(AppendReq.Parser.ParseFrom(m).ProposedMessage.Id)));
    }

    [Theory]
    [InlineData("no_stream on a stream at 1", 1L)]
    [InlineData("exact 0 on a stream at 2", 2L)]
    [InlineData("stream_exists on a new stream", -1L)]
    public async Task A_wrong_expected_version_answer_is_the_ports_conflict_with_the_actual_revision(string situation, long actual)
    {
        var (expected, answer) = situation switch
        {
            "no_stream on a stream at 1" => (ExpectedRevision.NoStream, ProtocolMessages.WrongExpectedVersion(c => { c.CurrentRevision = 1; c.ExpectedNoStream = new(); c.CurrentRevision2060 = 1; c.ExpectedRevision2060 = ulong.MaxValue; })),
            "exact 0 on a stream at 2" => (ExpectedRevision.Exact(0), ProtocolMessages.WrongExpectedVersion(c => { c.CurrentRevision = 2; c.ExpectedRevision = 0; })),
            _ => (ExpectedRevision.StreamExists, ProtocolMessages.WrongExpectedVersion(c => { c.CurrentNoStream = new(); c.ExpectedStreamExists = new(); })),
        };
        Node.ThenReply(answer);
        using var store = Store();

        var conflict = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => store.AppendToStreamAsync("orders-2", expected, TwoEvents));

        Assert.Equal(actual, conflict.ActualRevision);
        Assert.Equal(expected, conflict.Expected);
        Assert.Equal("orders-2", conflict.StreamId);
    }

    [Fact]
    public async Task A_conflict_answer_to_an_append_with_any_is_eventstoredbs_corrupted_idempotency_a_duplicate()
    {
        Node.ThenReply(ProtocolMessages.WrongExpectedVersion(c => { c.CurrentRevision = 1; c.ExpectedAny = new(); }));
        using var store = Store();

        var duplicate = await Assert.ThrowsAsync<DuplicateEventIdException>(() => store.AppendToStreamAsync("orders-3", ExpectedRevision.Any, TwoEvents));

        Assert.Equal(TwoEvents[0].EventId, duplicate.EventId);
    }

    [Fact]
    public async Task A_trailers_only_error_carries_the_status_and_eventstoredbs_error_metadata()
    {
        Node.ThenTrailersOnly(StatusCode.FailedPrecondition, "Event stream 'orders-4' is deleted.", ("exception", "stream-deleted"), ("stream-name", "orders-4"));
        using var store = Store();

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("orders-4", ExpectedRevision.Any, TwoEvents));

        Assert.Equal(StatusCode.FailedPrecondition, failure.StatusCode);
        Assert.Equal("stream-deleted", failure.ErrorKind);
        Assert.Equal("orders-4", failure.Metadata["stream-name"]);
        Assert.Contains("Event stream 'orders-4' is deleted.", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task An_error_status_in_the_trailers_after_the_body_is_read_too()
    {
        Node.Then(exchange =>
        {
            exchange.CompleteWithTrailers(StatusCode.InvalidArgument, "Maximum Append Size of 1048576 Exceeded.", ("exception", "maximum-append-size-exceeded"), ("maximum-append-size", "1048576"));
            return Task.CompletedTask;
        });
        using var store = Store();

        var failure = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("orders-5", ExpectedRevision.Any, TwoEvents));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("maximum-append-size-exceeded", failure.ErrorKind);
        Assert.Equal("1048576", failure.Metadata["maximum-append-size"]);
    }

    [Fact]
    public async Task A_wrong_expected_version_rpc_error_is_the_ports_conflict_with_the_actual_version()
    {
        Node.ThenTrailersOnly(StatusCode.FailedPrecondition, "WrongExpectedVersion", ("exception", "wrong-expected-version"), ("stream-name", "orders-6"), ("expected-version", "0"), ("actual-version", "4"));
        using var store = Store();

        var conflict = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => store.AppendToStreamAsync("orders-6", ExpectedRevision.Exact(0), TwoEvents));

        Assert.Equal(4, conflict.ActualRevision);
    }

    [Fact]
    public async Task A_success_without_a_message_or_with_two_is_a_protocol_error()
    {
        Node.ThenReply().ThenReply(ProtocolMessages.Success(1, 10), ProtocolMessages.Success(1, 10));
        using var store = Store();

        var none = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("orders-7", ExpectedRevision.Any, TwoEvents));
        var two = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendToStreamAsync("orders-7", ExpectedRevision.Any, TwoEvents));

        Assert.Equal(StatusCode.Internal, none.StatusCode);
        Assert.Equal(StatusCode.Internal, two.StatusCode);
        Assert.Contains("Unexpected data after finished reading message", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_id_check_a_retry_of_stored_events_returns_the_original_result_without_appending()
    {
        Node.ThenReply(
            ProtocolMessages.Event("orders-8", 0, 500, Guid.NewGuid()),
            ProtocolMessages.Event("orders-8", 1, 600, TwoEvents[0].EventId),
            ProtocolMessages.Event("orders-8", 2, 700, TwoEvents[1].EventId),
            ProtocolMessages.LastStreamPosition(2));
        using var store = Store(new EventStoreDbOptions());

        var result = await store.AppendToStreamAsync("orders-8", ExpectedRevision.Exact(0), TwoEvents);

        Assert.Equal(new AppendResult(2, 700), result);
        Assert.Equal(["/event_store.client.streams.Streams/Read"], Node.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task With_the_id_check_events_stored_further_back_are_a_duplicate_not_a_second_copy()
    {
        Node.ThenReply(
            ProtocolMessages.Event("orders-9", 0, 500, TwoEvents[0].EventId),
            ProtocolMessages.Event("orders-9", 1, 600, TwoEvents[1].EventId),
            ProtocolMessages.Event("orders-9", 2, 700, Guid.NewGuid()));
        using var store = Store(new EventStoreDbOptions());

        await Assert.ThrowsAsync<DuplicateEventIdException>(() => store.AppendToStreamAsync("orders-9", ExpectedRevision.Exact(2), TwoEvents));

        Assert.Single(Node.Calls);
    }

    [Fact]
    public async Task With_the_id_check_new_events_are_appended_after_reading_the_stream()
    {
        Node.ThenReply(ProtocolMessages.StreamNotFound("orders-10")).ThenReply(ProtocolMessages.Success(1, 900));
        using var store = Store(new EventStoreDbOptions());

        var result = await store.AppendToStreamAsync("orders-10", ExpectedRevision.NoStream, TwoEvents);

        Assert.Equal(new AppendResult(1, 900), result);
        Assert.Equal(["/event_store.client.streams.Streams/Read", "/event_store.client.streams.Streams/Append"], Node.Calls.Select(c => c.Path));
    }

    [Fact]
    public async Task An_empty_append_reports_the_head_of_the_log_like_the_sqlite_store()
    {
        Node.ThenReply(new AppendResp { Success = new AppendResp.Types.Success { NoStream = new(), NoPosition = new() } })
            .ThenReply(ProtocolMessages.Event("latest", 7, 12_345, Guid.NewGuid()));
        using var store = Store();

        var result = await store.AppendToStreamAsync("orders-11", ExpectedRevision.NoStream, []);

        Assert.Equal(new AppendResult(-1, 12_345), result);
    }

    [Fact]
    public async Task The_same_event_id_twice_in_one_append_is_refused_before_any_call()
    {
        using var store = Store();
        var e = TwoEvents[0];

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendToStreamAsync("orders-12", ExpectedRevision.Any, [e, e]));

        Assert.Empty(Node.Calls);
    }
}
