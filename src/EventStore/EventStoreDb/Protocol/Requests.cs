using System.Text;
using System.Text.Json;
using Google.Protobuf;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb.Protocol.Shared;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ReadOptions = ModularPayments.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;

namespace ModularPayments.EventStore.EventStoreDb.Protocol;

/// <summary>The request messages, with the options the server insists on (see the facts file, section 3.2).</summary>
internal static class Requests
{
    /// <summary>Event types starting with '$' are EventStoreDB's own (the regex its .NET client uses for ExcludeSystemEvents).</summary>
    public const string ExcludeSystemEventsRegex = @"^[^\$].*";

    public static IReadOnlyList<AppendReq> Append(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = Stream(streamId) };
        if (expected == ExpectedRevision.Any)
        {
            options.Any = new Empty();
        }
        else if (expected == ExpectedRevision.NoStream)
        {
            options.NoStream = new Empty();
        }
        else if (expected == ExpectedRevision.StreamExists)
        {
            options.StreamExists = new Empty();
        }
        else
        {
            options.Revision = checked((ulong)expected.Value);
        }

        var messages = new List<AppendReq>(events.Count + 1) { new AppendReq { Options = options } };
        foreach (var eventData in events)
        {
            messages.Add(new AppendReq
            {
                ProposedMessage = new AppendReq.Types.ProposedMessage
                {
                    Id = Uuids.ToStructured(eventData.EventId),
                    Metadata =
                    {
                        ["type"] = eventData.EventType,
                        ["content-type"] = IsJson(eventData.Data) ? "application/json" : "application/octet-stream",
                    },
                    Data = ByteString.CopyFrom(eventData.Data),
                    CustomMetadata = ByteString.CopyFrom(eventData.Metadata),
                },
            });
        }

        return messages;
    }

    public static ReadReq ReadStream(string streamId, ReadDirection direction, long fromRevision, long maxCount)
    {
        var stream = new ReadOptions.Types.StreamOptions { StreamIdentifier = Stream(streamId) };
        if (direction == ReadDirection.Backwards && fromRevision == StreamRevision.End)
        {
            stream.End = new Empty();
        }
        else if (fromRevision == StreamRevision.Start)
        {
            stream.Start = new Empty();
        }
        else
        {
            stream.Revision = (ulong)fromRevision;
        }

        return new ReadReq
        {
            Options = new ReadOptions
            {
                Stream = stream,
                ReadDirection = direction == ReadDirection.Forwards ? ReadOptions.Types.ReadDirection.Forwards : ReadOptions.Types.ReadDirection.Backwards,
                Count = (ulong)maxCount,
                NoFilter = new Empty(),
                UuidOption = StructuredIds(),
                ControlOption = new ReadOptions.Types.ControlOption { Compatibility = 1 },
            },
        };
    }

    /// <summary>$all forwards from <paramref name="fromPosition"/> (inclusive), or backwards from the end; system events left out.</summary>
    public static ReadReq ReadAll(long fromPosition, ReadDirection direction, ulong count, uint searchWindow)
    {
        var all = new ReadOptions.Types.AllOptions();
        if (direction == ReadDirection.Backwards)
        {
            all.End = new Empty();
        }
        else if (fromPosition == LogPosition.Start)
        {
            all.Start = new Empty();
        }
        else
        {
            all.Position = Position(fromPosition);
        }

        return new ReadReq
        {
            Options = new ReadOptions
            {
                All = all,
                ReadDirection = direction == ReadDirection.Forwards ? ReadOptions.Types.ReadDirection.Forwards : ReadOptions.Types.ReadDirection.Backwards,
                Count = count,
                Filter = ExcludeSystemEvents(searchWindow, checkpointIntervalMultiplier: 1),
                UuidOption = StructuredIds(),
                ControlOption = new ReadOptions.Types.ControlOption { Compatibility = 1 },
            },
        };
    }

    /// <summary>A catch-up subscription to $all after <paramref name="afterPosition"/>, system events filtered out by the server.</summary>
    public static ReadReq SubscribeToAll(long afterPosition, uint searchWindow, uint checkpointIntervalMultiplier)
    {
        var all = new ReadOptions.Types.AllOptions();
        if (afterPosition == LogPosition.Start)
        {
            all.Start = new Empty();
        }
        else
        {
            all.Position = Position(afterPosition);
        }

        return new ReadReq
        {
            Options = new ReadOptions
            {
                All = all,
                ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
                Subscription = new ReadOptions.Types.SubscriptionOptions(),
                Filter = ExcludeSystemEvents(searchWindow, checkpointIntervalMultiplier),
                UuidOption = StructuredIds(),
            },
        };
    }

    public static StreamIdentifier Stream(string streamId) =>
        new() { StreamName = ByteString.CopyFrom(Encoding.UTF8.GetBytes(streamId)) };

    /// <summary>Our positions are single-node log positions, where an event's commit and prepare positions are equal.</summary>
    private static ReadOptions.Types.Position Position(long position) =>
        new() { CommitPosition = (ulong)position, PreparePosition = (ulong)position };

    private static ReadOptions.Types.FilterOptions ExcludeSystemEvents(uint searchWindow, uint checkpointIntervalMultiplier) =>
        new()
        {
            EventType = new ReadOptions.Types.FilterOptions.Types.Expression { Regex = ExcludeSystemEventsRegex },
            Max = searchWindow,
            CheckpointIntervalMultiplier = checkpointIntervalMultiplier,
        };

    private static ReadOptions.Types.UUIDOption StructuredIds() => new() { Structured = new Empty() };

    /// <summary>EventStoreDB flags JSON events (for its projections and UI); any other bytes go as octet-stream.</summary>
    private static bool IsJson(byte[] data)
    {
        if (data.Length == 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
