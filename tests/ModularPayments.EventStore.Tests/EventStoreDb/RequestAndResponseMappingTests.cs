using System.Text;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.EventStoreDb.Appending;
using ModularPayments.EventStore.EventStoreDb.Protocol;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ReadOptions = ModularPayments.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>How the port's calls become request messages and how every response case comes back, without a network.</summary>
public sealed class RequestAndResponseMappingTests
{
    public static TheoryData<string, AppendReq.Types.Options.ExpectedStreamRevisionOneofCase, ulong> ExpectedRevisions() => new()
    {
        { "any", AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any, 0 },
        { "no_stream", AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream, 0 },
        { "stream_exists", AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists, 0 },
        { "exact 0", AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision, 0 },
        { "exact 41", AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision, 41 },
    };

    [Theory]
    [MemberData(nameof(ExpectedRevisions))]
    public void Every_expected_revision_form_becomes_its_append_option(string form, AppendReq.Types.Options.ExpectedStreamRevisionOneofCase expectedCase, ulong revision)
    {
        var expected = form switch
        {
            "any" => ExpectedRevision.Any,
            "no_stream" => ExpectedRevision.NoStream,
            "stream_exists" => ExpectedRevision.StreamExists,
            _ => ExpectedRevision.Exact((long)revision),
        };

        var options = ((AppendReq)Requests.Append("payments-1", expected, [])[0]).Options;

        Assert.Equal(expectedCase, options.ExpectedStreamRevisionCase);
        Assert.Equal(revision, options.Revision);
        Assert.Equal("payments-1", options.StreamIdentifier.StreamName.ToStringUtf8());
    }

    [Fact]
    public void An_append_is_the_options_then_one_proposed_message_per_event_with_its_own_id()
    {
        var json = new EventData(new Guid("38cc25ae-f8b3-489c-98f7-de412095ebfd"), "PaymentAuthorised", """{"amount":1250}"""u8.ToArray(), """{"by":"me"}"""u8.ToArray());
        var binary = new EventData(Guid.NewGuid(), "Blob", [0xFF, 0x00, 0x7B], []);

        var messages = Requests.Append("stream-ü", ExpectedRevision.NoStream, [json, binary]).Cast<AppendReq>().ToList();

        Assert.Equal([AppendReq.ContentOneofCase.Options, AppendReq.ContentOneofCase.ProposedMessage, AppendReq.ContentOneofCase.ProposedMessage], messages.Select(m => m.ContentCase));
        Assert.Equal(Encoding.UTF8.GetBytes("stream-ü"), messages[0].Options.StreamIdentifier.StreamName.ToByteArray());
        var first = messages[1].ProposedMessage;
        Assert.Equal(4092687594799974556, first.Id.Structured.MostSignificantBits);
        Assert.Equal("PaymentAuthorised", first.Metadata["type"]);
        Assert.Equal("application/json", first.Metadata["content-type"]);
        Assert.Equal(json.Data, first.Data.ToByteArray());
        Assert.Equal(json.Metadata, first.CustomMetadata.ToByteArray());
        Assert.Equal(binary.EventId, Uuids.ToGuid(messages[2].ProposedMessage.Id));
        Assert.Equal("application/octet-stream", messages[2].ProposedMessage.Metadata["content-type"]);
        Assert.Equal("Blob", messages[2].ProposedMessage.Metadata["type"]);
    }

    [Theory]
    [InlineData(ReadDirection.Forwards, 0L, "start")]
    [InlineData(ReadDirection.Forwards, 7L, "revision")]
    [InlineData(ReadDirection.Backwards, StreamRevision.End, "end")]
    [InlineData(ReadDirection.Backwards, 4L, "revision")]
    public void A_stream_read_sets_every_option_the_server_requires(ReadDirection direction, long from, string revisionOption)
    {
        var options = Requests.ReadStream("orders-9", direction, from, 25).Options;

        Assert.Equal(ReadOptions.StreamOptionOneofCase.Stream, options.StreamOptionCase);
        Assert.Equal("orders-9", options.Stream.StreamIdentifier.StreamName.ToStringUtf8());
        Assert.Equal(revisionOption, options.Stream.RevisionOptionCase.ToString().ToLowerInvariant());
        if (revisionOption == "revision")
        {
            Assert.Equal((ulong)from, options.Stream.Revision);
        }

        Assert.Equal(direction == ReadDirection.Forwards ? ReadOptions.Types.ReadDirection.Forwards : ReadOptions.Types.ReadDirection.Backwards, options.ReadDirection);
        Assert.Equal(25UL, options.Count);
        Assert.Equal(ReadOptions.FilterOptionOneofCase.NoFilter, options.FilterOptionCase);
        Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.Structured, options.UuidOption.ContentCase);
        Assert.Equal(1U, options.ControlOption.Compatibility);
        Assert.False(options.ResolveLinks);
    }

    [Fact]
    public void Global_reads_and_subscriptions_filter_system_events_on_the_server()
    {
        var read = Requests.ReadAll(5000, ReadDirection.Forwards, 11, 32).Options;
        var fromStart = Requests.ReadAll(LogPosition.Start, ReadDirection.Forwards, 11, 32).Options;
        var head = Requests.ReadAll(LogPosition.Start, ReadDirection.Backwards, 1, 32).Options;
        var subscription = Requests.SubscribeToAll(5000, 32, 16).Options;
        var subscriptionFromStart = Requests.SubscribeToAll(LogPosition.Start, 32, 16).Options;

        Assert.Equal(5000UL, read.All.Position.CommitPosition);
        Assert.Equal(5000UL, read.All.Position.PreparePosition);
        Assert.Equal(11UL, read.Count);
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.Start, fromStart.All.AllOptionCase);
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.End, head.All.AllOptionCase);
        Assert.Equal(ReadOptions.Types.ReadDirection.Backwards, head.ReadDirection);
        Assert.Equal(ReadOptions.CountOptionOneofCase.Subscription, subscription.CountOptionCase);
        Assert.Equal(5000UL, subscription.All.Position.CommitPosition);
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.Start, subscriptionFromStart.All.AllOptionCase);
        Assert.Null(subscription.ControlOption);
        foreach (var options in new[] { read, head, subscription })
        {
            Assert.Equal(ReadOptions.FilterOptionOneofCase.Filter, options.FilterOptionCase);
            Assert.Equal(@"^[^\$].*", options.Filter.EventType.Regex);
            Assert.Equal(32U, options.Filter.Max);
            Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.Structured, options.UuidOption.ContentCase);
        }

        Assert.Equal(16U, subscription.Filter.CheckpointIntervalMultiplier);
        Assert.Matches(read.Filter.EventType.Regex, "PaymentAuthorised");
        Assert.DoesNotMatch(read.Filter.EventType.Regex, "$metadata");
    }

    [Fact]
    public void A_read_event_becomes_a_recorded_event_with_the_commit_position()
    {
        var id = Guid.NewGuid();

        var recorded = Responses.ToRecordedEvent(ProtocolMessages.Event("stream-ü", 3, 4096, id, "Refunded").Event);
        var fromStreamRead = Responses.ToRecordedEvent(ProtocolMessages.Event("stream-ü", 3, 4096, id, withReadPosition: false).Event);

        Assert.Equal(new RecordedEvent("stream-ü", 3, 4096, id, "Refunded", recorded.Data, recorded.Metadata, ProtocolMessages.Created), recorded);
        Assert.Equal([1, 2, 3], recorded.Metadata);
        Assert.Equal("""{"revision":3}""", Encoding.UTF8.GetString(recorded.Data));
        Assert.Equal(4096, fromStreamRead.Position);
    }

    [Fact]
    public void A_read_event_without_type_or_created_metadata_is_a_protocol_error()
    {
        var withoutType = ProtocolMessages.Event("s", 0, 1, Guid.NewGuid()).Event;
        withoutType.Event.Metadata.Remove("type");
        var withoutCreated = ProtocolMessages.Event("s", 0, 1, Guid.NewGuid()).Event;
        withoutCreated.Event.Metadata.Remove("created");

        Assert.Throws<InvalidDataException>(() => Responses.ToRecordedEvent(withoutType));
        Assert.Throws<InvalidDataException>(() => Responses.ToRecordedEvent(withoutCreated));
    }

    [Fact]
    public void The_actual_revision_of_a_conflict_comes_from_the_new_fields_or_else_the_legacy_ones()
    {
        Assert.Equal(1, Responses.ActualRevision(ProtocolMessages.WrongExpectedVersion(c => { c.CurrentRevision = 1; c.ExpectedNoStream = new(); }).WrongExpectedVersion));
        Assert.Equal(-1, Responses.ActualRevision(ProtocolMessages.WrongExpectedVersion(c => { c.CurrentNoStream = new(); c.ExpectedStreamExists = new(); }).WrongExpectedVersion));
        Assert.Equal(2, Responses.ActualRevision(ProtocolMessages.WrongExpectedVersion(c => { c.CurrentRevision2060 = 2; c.ExpectedRevision2060 = 0; }).WrongExpectedVersion));
        Assert.Equal(-1, Responses.ActualRevision(ProtocolMessages.WrongExpectedVersion(c => c.NoStream2060 = new()).WrongExpectedVersion));
    }

    [Fact]
    public void Subscription_messages_move_the_resume_position_forward_only()
    {
        var resumeAfter = 100L;

        var skipped = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.Event("s", 0, 100, Guid.NewGuid()), ref resumeAfter);
        var delivered = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.Event("s", 1, 150, Guid.NewGuid()), ref resumeAfter);
        var staleCheckpoint = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.Checkpoint(0, 0), ref resumeAfter);
        var checkpoint = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.Checkpoint(400, 0), ref resumeAfter);
        var caughtUp = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.CaughtUp(), ref resumeAfter);
        var confirmation = EventStoreDbEventStore.ToSubscriptionMessage(ProtocolMessages.Confirmation(), ref resumeAfter);
        var fellBehind = EventStoreDbEventStore.ToSubscriptionMessage(new ReadResp { FellBehind = new() }, ref resumeAfter);

        Assert.Null(skipped);
        Assert.Equal(150, Assert.IsType<SubscriptionMessage.Event>(delivered).Record.Position);
        Assert.Null(staleCheckpoint);
        Assert.Equal(new SubscriptionMessage.Checkpoint(400), checkpoint);
        Assert.Equal(new SubscriptionMessage.CaughtUp(400), caughtUp);
        Assert.Null(confirmation);
        Assert.Null(fellBehind);
        Assert.Equal(400, resumeAfter);
    }

    // ---------------------------------------------------------------- idempotent re-appends (checked against the stream)

    private static readonly EventData E0 = EventData.Json(Guid.NewGuid(), "A", "{}"u8.ToArray());
    private static readonly EventData E1 = EventData.Json(Guid.NewGuid(), "B", "{}"u8.ToArray());
    private static readonly EventData X = EventData.Json(Guid.NewGuid(), "C", "{}"u8.ToArray());
    private static readonly EventData Fresh = EventData.Json(Guid.NewGuid(), "D", "{}"u8.ToArray());

    private static List<RecordedEvent> Stored(params EventData[] events) =>
        events.Select((e, i) => new RecordedEvent("s", i, 1000 + (i * 100), e.EventId, e.EventType, e.Data, e.Metadata, ProtocolMessages.Created)).ToList();

    [Fact]
    public void New_events_go_ahead()
    {
        Assert.Null(IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Exact(1), [Fresh], Stored(E0, E1)));
        Assert.Null(IdempotentAppendCheck.Evaluate("s", ExpectedRevision.NoStream, [Fresh], []));
    }

    [Theory]
    [InlineData("any")]
    [InlineData("no_stream")]
    [InlineData("stream_exists")]
    public void A_retry_of_a_stored_run_returns_the_original_result(string form)
    {
        var expected = form switch { "any" => ExpectedRevision.Any, "no_stream" => ExpectedRevision.NoStream, _ => ExpectedRevision.StreamExists };

        var original = IdempotentAppendCheck.Evaluate("s", expected, [E0, E1], Stored(E0, E1, X));

        Assert.Equal(new AppendResult(1, 1100), original);
    }

    [Fact]
    public void A_retry_with_the_original_exact_revision_returns_the_original_result()
    {
        Assert.Equal(new AppendResult(2, 1200), IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Exact(0), [E1, X], Stored(E0, E1, X)));
    }

    [Fact]
    public void Stored_events_in_another_run_are_duplicates()
    {
        Assert.Equal(Fresh.EventId, Assert.Throws<DuplicateEventIdException>(() => IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Any, [E1, Fresh], Stored(E0, E1))).EventId);
        Assert.Equal(E1.EventId, Assert.Throws<DuplicateEventIdException>(() => IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Any, [Fresh, E1], Stored(E0, E1))).EventId);
        Assert.Throws<DuplicateEventIdException>(() => IdempotentAppendCheck.Evaluate("s", ExpectedRevision.StreamExists, [E1, E0], Stored(E0, E1)));
    }

    [Fact]
    public void An_expectation_that_fits_the_stream_but_not_the_run_is_a_duplicate_and_one_that_fits_neither_a_conflict()
    {
        Assert.Throws<DuplicateEventIdException>(() => IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Exact(2), [E0, E1], Stored(E0, E1, X)));

        var conflict = Assert.Throws<WrongExpectedRevisionException>(() => IdempotentAppendCheck.Evaluate("s", ExpectedRevision.Exact(7), [E0, E1], Stored(E0, E1, X)));

        Assert.Equal(2, conflict.ActualRevision);
    }
}
