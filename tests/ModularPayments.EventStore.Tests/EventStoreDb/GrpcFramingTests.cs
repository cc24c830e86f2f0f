using Google.Protobuf;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

public sealed class GrpcFramingTests
{
    [Fact]
    public void A_frame_is_a_zero_flag_a_big_endian_length_and_the_message()
    {
        var message = ProtocolMessages.Checkpoint(300, 300);
        var payload = message.ToByteArray();

        var framed = GrpcFraming.Encode([message, message]);

        Assert.Equal(2 * (5 + payload.Length), framed.Length);
        Assert.Equal([0, 0, 0, 0, (byte)payload.Length], framed[..5]);
        Assert.Equal(payload, framed[5..(5 + payload.Length)]);
        Assert.Equal(framed[..(5 + payload.Length)], framed[(5 + payload.Length)..]);
    }

    [Fact]
    public void The_length_is_big_endian_for_messages_longer_than_255_bytes()
    {
        var message = new AppendReq { ProposedMessage = new AppendReq.Types.ProposedMessage { Data = ByteString.CopyFrom(new byte[70_000]) } };

        var framed = GrpcFraming.Encode([message]);

        var length = message.CalculateSize();
        Assert.Equal([0, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length], framed[..5]);
        Assert.True(length > 65_536);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Frames_split_over_many_reads_are_reassembled(int bytesPerRead)
    {
        var messages = new[] { ProtocolMessages.Checkpoint(1, 1), ProtocolMessages.CaughtUp(), ProtocolMessages.Event("s", 4, 900, Guid.NewGuid()) };
        var reader = new GrpcFrameReader(new TrickleStream(GrpcFraming.Encode(messages), bytesPerRead), 1024);

        var read = new List<ReadResp>();
        while (await reader.ReadNextAsync(CancellationToken.None) is { } frame)
        {
            read.Add(ReadResp.Parser.ParseFrom(frame));
        }

        Assert.Equal(messages, read);
    }

    [Fact]
    public async Task An_empty_message_is_a_frame_of_length_zero()
    {
        var reader = new GrpcFrameReader(new MemoryStream(GrpcFraming.Encode([ProtocolMessages.CaughtUp(), new ReadResp()])), 1024);

        Assert.NotNull(await reader.ReadNextAsync(CancellationToken.None));
        var empty = await reader.ReadNextAsync(CancellationToken.None);

        Assert.NotNull(empty);
        Assert.Empty(empty);
        Assert.Null(await reader.ReadNextAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(3, "header")]
    [InlineData(8, "message")]
    public async Task A_body_that_ends_inside_a_frame_is_a_truncation(int keptBytes, string where)
    {
        var framed = GrpcFraming.Encode([ProtocolMessages.Event("s", 0, 10, Guid.NewGuid())]);
        var reader = new GrpcFrameReader(new TrickleStream(framed[..keptBytes], 2), 1024);

        var failure = await Assert.ThrowsAsync<GrpcFrameException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());

        Assert.True(failure.IsTruncation);
        Assert.Contains(where, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_frame_is_refused_because_no_compression_was_offered()
    {
        var framed = GrpcFraming.Encode([ProtocolMessages.CaughtUp()]);
        framed[0] = 1;

        var failure = await Assert.ThrowsAsync<GrpcFrameException>(() => new GrpcFrameReader(new MemoryStream(framed), 1024).ReadNextAsync(CancellationToken.None).AsTask());

        Assert.False(failure.IsTruncation);
        Assert.Contains("compressed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_longer_than_the_limit_is_refused_before_it_is_read()
    {
        var framed = GrpcFraming.Encode([new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = new string('x', 100) } }]);

        var failure = await Assert.ThrowsAsync<GrpcFrameException>(() => new GrpcFrameReader(new MemoryStream(framed), 50).ReadNextAsync(CancellationToken.None).AsTask());

        Assert.Contains("exceeds the limit of 50", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] content, int bytesPerRead) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, bytesPerRead), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = Math.Min(Math.Min(buffer.Length, bytesPerRead), content.Length - _position);
            content.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
