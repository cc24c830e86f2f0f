using System.Buffers.Binary;
using Google.Protobuf;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>gRPC length-prefixed messages: a compressed flag byte, a 4-byte big-endian length, the protobuf bytes.</summary>
internal static class GrpcFraming
{
    public const int HeaderLength = 5;

    /// <summary>The framed bytes of <paramref name="messages"/>, one frame each, as one request body.</summary>
    public static byte[] Encode(IReadOnlyList<IMessage> messages)
    {
        var total = messages.Sum(m => HeaderLength + m.CalculateSize());
        var buffer = new byte[total];
        var offset = 0;
        foreach (var message in messages)
        {
            var size = message.CalculateSize();
            WriteHeader(buffer.AsSpan(offset, HeaderLength), size);
            message.WriteTo(buffer.AsSpan(offset + HeaderLength, size));
            offset += HeaderLength + size;
        }

        return buffer;
    }

    public static void WriteHeader(Span<byte> header, int length)
    {
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], checked((uint)length));
    }
}

/// <summary>
/// Reads gRPC frames one by one from a response body as they arrive; a frame may be split over any number of reads.
/// </summary>
internal sealed class GrpcFrameReader(Stream stream, int maxMessageLength)
{
    private readonly byte[] _header = new byte[GrpcFraming.HeaderLength];

    /// <summary>The next message's bytes, or null when the body ended cleanly between two frames.</summary>
    /// <exception cref="GrpcFrameException">The body ended inside a frame, or a frame is compressed or too large.</exception>
    public async ValueTask<byte[]?> ReadNextAsync(CancellationToken cancellationToken)
    {
        var headerRead = await FillAsync(_header, cancellationToken).ConfigureAwait(false);
        if (headerRead == 0)
        {
            return null;
        }

        if (headerRead < GrpcFraming.HeaderLength)
        {
            throw new GrpcFrameException($"The response ended inside a gRPC frame header ({headerRead} of {GrpcFraming.HeaderLength} bytes).", isTruncation: true);
        }

        if (_header[0] != 0)
        {
            throw new GrpcFrameException(_header[0] == 1
                ? "The node sent a compressed gRPC message, but no compression was offered."
                : $"The gRPC frame flag {_header[0]} is not valid.", isTruncation: false);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
        if (length > (uint)maxMessageLength)
        {
            throw new GrpcFrameException($"A gRPC message of {length} bytes exceeds the limit of {maxMessageLength} bytes.", isTruncation: false);
        }

        var payload = new byte[length];
        var read = await FillAsync(payload, cancellationToken).ConfigureAwait(false);
        if (read < payload.Length)
        {
            throw new GrpcFrameException($"The response ended inside a gRPC message ({read} of {length} bytes).", isTruncation: true);
        }

        return payload;
    }

    private async ValueTask<int> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}

/// <summary>A response body that is not a well-formed sequence of gRPC frames.</summary>
internal sealed class GrpcFrameException(string message, bool isTruncation) : IOException(message)
{
    /// <summary>The body stopped early, as when the connection drops.</summary>
    public bool IsTruncation { get; } = isTruncation;
}
