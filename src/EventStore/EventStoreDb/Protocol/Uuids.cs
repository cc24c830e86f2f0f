using System.Buffers.Binary;
using ModularPayments.EventStore.EventStoreDb.Protocol.Shared;

namespace ModularPayments.EventStore.EventStoreDb.Protocol;

/// <summary>
/// Event ids in EventStoreDB's structured UUID form: the RFC 4122 byte order (the order of the text form) split into
/// two big-endian signed 64-bit halves, as Java's UUID does. Not <see cref="Guid.ToByteArray()"/>, whose first three
/// fields are little-endian.
/// </summary>
internal static class Uuids
{
    public static UUID ToStructured(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[..8]),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static Guid ToGuid(UUID uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        switch (uuid.ValueCase)
        {
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes[..8], uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            case UUID.ValueOneofCase.String:
                return Guid.TryParse(uuid.String, out var parsed)
                    ? parsed
                    : throw new InvalidDataException($"EventStoreDB sent the event id '{uuid.String}', which is not a UUID.");
            default:
                throw new InvalidDataException("EventStoreDB sent an event without an id.");
        }
    }
}
