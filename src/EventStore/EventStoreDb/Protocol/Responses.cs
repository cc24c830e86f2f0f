using System.Globalization;
using System.Text;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;

namespace ModularPayments.EventStore.EventStoreDb.Protocol;

/// <summary>
/// Server messages in the port's terms. Position mapping: an event's port position is its commit position, which
/// for every event written through this adapter (never an explicit transaction) equals its prepare position: the
/// byte offset of its record in the transaction log. So it is unique, increases along the log, and reading or
/// subscribing "from P" can send (P, P) back.
/// </summary>
internal static class Responses
{
    public static RecordedEvent ToRecordedEvent(ReadResp.Types.ReadEvent readEvent)
    {
        ArgumentNullException.ThrowIfNull(readEvent);
        var recorded = readEvent.Event ?? throw new InvalidDataException("EventStoreDB sent a read event without its event record.");
        var position = readEvent.PositionCase == ReadResp.Types.ReadEvent.PositionOneofCase.CommitPosition
            ? readEvent.CommitPosition
            : recorded.CommitPosition;
        return new RecordedEvent(
            Encoding.UTF8.GetString(recorded.StreamIdentifier.StreamName.Span),
            ToLong(recorded.StreamRevision, "stream revision"),
            ToLong(position, "commit position"),
            Uuids.ToGuid(recorded.Id),
            recorded.Metadata.TryGetValue("type", out var type) ? type : throw new InvalidDataException("EventStoreDB sent an event without its 'type' metadata."),
            recorded.Data.ToByteArray(),
            recorded.CustomMetadata.ToByteArray(),
            Created(recorded));
    }

    public static long ToLong(ulong value, string what) =>
        value <= long.MaxValue ? (long)value : throw new InvalidDataException($"EventStoreDB sent a {what} of {value}, beyond what the event-store port can hold.");

    /// <summary>The stream's last revision in a wrong-expected-version answer; -1 when the stream does not exist.</summary>
    public static long ActualRevision(AppendResp.Types.WrongExpectedVersion conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return conflict.CurrentRevisionOptionCase switch
        {
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => ToLong(conflict.CurrentRevision, "stream revision"),
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => -1,
            // Servers before 20.6 fill only the legacy fields.
            _ => conflict.CurrentRevisionOption2060Case switch
            {
                AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060 => ToLong(conflict.CurrentRevision2060, "stream revision"),
                _ => -1,
            },
        };
    }

    private static DateTimeOffset Created(ReadResp.Types.ReadEvent.Types.RecordedEvent recorded) =>
        recorded.Metadata.TryGetValue("created", out var created) && long.TryParse(created, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            ? DateTimeOffset.UnixEpoch.AddTicks(ticks)
            : throw new InvalidDataException("EventStoreDB sent an event without a valid 'created' metadata value.");
}
