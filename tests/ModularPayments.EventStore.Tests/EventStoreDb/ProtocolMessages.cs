using System.Globalization;
using System.Text;
using Google.Protobuf;
using ModularPayments.EventStore.EventStoreDb.Protocol;
using ModularPayments.EventStore.EventStoreDb.Protocol.Shared;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>Server messages as an EventStoreDB 23.10 node sends them (shapes and values per the facts file).</summary>
internal static class ProtocolMessages
{
    public static readonly DateTimeOffset Created = new(2024, 6, 11, 12, 30, 0, TimeSpan.Zero);

    public static ReadResp Event(string stream, ulong revision, ulong position, Guid id, string type = "PaymentAuthorised", bool withReadPosition = true)
    {
        var readEvent = new ReadResp.Types.ReadEvent
        {
            Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
            {
                Id = Uuids.ToStructured(id),
                StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(stream) },
                StreamRevision = revision,
                CommitPosition = position,
                PreparePosition = position,
                Metadata =
                {
                    ["type"] = type,
                    ["content-type"] = "application/json",
                    ["created"] = (Created - DateTimeOffset.UnixEpoch).Ticks.ToString(CultureInfo.InvariantCulture),
                },
                Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes($$"""{"revision":{{revision}}}""")),
                CustomMetadata = ByteString.CopyFrom([1, 2, 3]),
            },
        };
        if (withReadPosition)
        {
            readEvent.CommitPosition = position;
        }
        else
        {
            readEvent.NoPosition = new Empty();
        }

        return new ReadResp { Event = readEvent };
    }

    public static ReadResp Confirmation() => new() { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() } };

    public static ReadResp Checkpoint(ulong commit, ulong prepare) => new() { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = commit, PreparePosition = prepare } };

    public static ReadResp CaughtUp() => new() { CaughtUp = new ReadResp.Types.CaughtUp() };

    public static ReadResp StreamNotFound(string stream) =>
        new() { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(stream) } } };

    public static ReadResp LastStreamPosition(ulong position) => new() { LastStreamPosition = position };

    public static AppendResp Success(ulong revision, ulong position) =>
        new() { Success = new AppendResp.Types.Success { CurrentRevision = revision, Position = new AppendResp.Types.Position { CommitPosition = position, PreparePosition = position } } };

    public static AppendResp WrongExpectedVersion(Action<AppendResp.Types.WrongExpectedVersion> fill)
    {
        var conflict = new AppendResp.Types.WrongExpectedVersion();
        fill(conflict);
        return new AppendResp { WrongExpectedVersion = conflict };
    }
}
