using ModularPayments.EventStore.EventStoreDb.Protocol;
using ModularPayments.EventStore.EventStoreDb.Protocol.Shared;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

public sealed class UuidsTests
{
    // The pair checked against a real EventStoreDB 23.10 node (facts file, section 2).
    private static readonly Guid Known = new("38cc25ae-f8b3-489c-98f7-de412095ebfd");
    private const long KnownMostSignificant = 4092687594799974556;
    private const long KnownLeastSignificant = -7424221089396036611;

    [Fact]
    public void A_guid_becomes_the_two_big_endian_halves_of_its_text_form()
    {
        var uuid = Uuids.ToStructured(Known);

        Assert.Equal(UUID.ValueOneofCase.Structured, uuid.ValueCase);
        Assert.Equal(KnownMostSignificant, uuid.Structured.MostSignificantBits);
        Assert.Equal(KnownLeastSignificant, uuid.Structured.LeastSignificantBits);
        Assert.Equal(0x38cc25aef8b3489c, uuid.Structured.MostSignificantBits);
        Assert.Equal(unchecked((long)0x98f7de412095ebfd), uuid.Structured.LeastSignificantBits);
    }

    [Fact]
    public void The_structured_form_reads_back_as_the_same_guid()
    {
        var uuid = new UUID { Structured = new UUID.Types.Structured { MostSignificantBits = KnownMostSignificant, LeastSignificantBits = KnownLeastSignificant } };

        Assert.Equal(Known, Uuids.ToGuid(uuid));
    }

    [Fact]
    public void It_is_not_the_little_endian_layout_of_Guid_ToByteArray()
    {
        // Guid.ToByteArray() starts with 0xae 0x25 0xcc 0x38: reading that would give a different, wrong id.
        var littleEndianHalf = BitConverter.ToInt64(Known.ToByteArray(), 0);

        Assert.NotEqual(littleEndianHalf, Uuids.ToStructured(Known).Structured.MostSignificantBits);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", 0L, 0L)]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", -1L, -1L)]
    [InlineData("00000000-0000-0001-0000-000000000002", 1L, 2L)]
    [InlineData("80000000-0000-0000-7fff-ffffffffffff", long.MinValue, long.MaxValue)]
    public void Edge_values_map_both_ways(string text, long mostSignificant, long leastSignificant)
    {
        var id = new Guid(text);

        var uuid = Uuids.ToStructured(id);

        Assert.Equal(mostSignificant, uuid.Structured.MostSignificantBits);
        Assert.Equal(leastSignificant, uuid.Structured.LeastSignificantBits);
        Assert.Equal(id, Uuids.ToGuid(uuid));
    }

    [Fact]
    public void Random_guids_round_trip()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = Guid.NewGuid();
            Assert.Equal(id, Uuids.ToGuid(Uuids.ToStructured(id)));
        }
    }

    [Fact]
    public void The_string_form_is_read_too_and_garbage_is_refused()
    {
        Assert.Equal(Known, Uuids.ToGuid(new UUID { String = "38cc25ae-f8b3-489c-98f7-de412095ebfd" }));
        Assert.Throws<InvalidDataException>(() => Uuids.ToGuid(new UUID { String = "not-a-uuid" }));
        Assert.Throws<InvalidDataException>(() => Uuids.ToGuid(new UUID()));
    }
}
