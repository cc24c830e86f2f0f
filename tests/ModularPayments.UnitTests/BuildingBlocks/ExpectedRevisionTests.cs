using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.UnitTests.BuildingBlocks;

public class ExpectedRevisionTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(41)]
    public void Any_is_satisfied_by_everything(long current) => Assert.True(ExpectedRevision.Any.IsSatisfiedBy(current));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    public void NoStream_needs_a_missing_stream(long current, bool expected) =>
        Assert.Equal(expected, ExpectedRevision.NoStream.IsSatisfiedBy(current));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(7, true)]
    public void StreamExists_needs_at_least_one_event(long current, bool expected) =>
        Assert.Equal(expected, ExpectedRevision.StreamExists.IsSatisfiedBy(current));

    [Theory]
    [InlineData(0, -1, false)]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    public void Exact_needs_exactly_that_revision(long revision, long current, bool expected)
    {
        var exact = ExpectedRevision.Exact(revision);
        Assert.True(exact.IsExact);
        Assert.Equal(expected, exact.IsSatisfiedBy(current));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-2)]
    [InlineData(long.MinValue)]
    public void Exact_refuses_negative_revisions(long revision) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedRevision.Exact(revision));

    [Fact]
    public void FromLastRevision_maps_minus_one_to_NoStream()
    {
        Assert.Equal(ExpectedRevision.NoStream, ExpectedRevision.FromLastRevision(-1));
        Assert.Equal(ExpectedRevision.Exact(4), ExpectedRevision.FromLastRevision(4));
        Assert.NotEqual(ExpectedRevision.Exact(4), ExpectedRevision.Exact(5));
    }

    [Fact]
    public void The_special_expectations_are_distinct_and_not_exact()
    {
        ExpectedRevision[] specials = [ExpectedRevision.Any, ExpectedRevision.NoStream, ExpectedRevision.StreamExists];
        Assert.Equal(3, specials.Distinct().Count());
        Assert.All(specials, s => Assert.False(s.IsExact));
        Assert.Equal(["any", "no_stream", "stream_exists", "12"], specials.Append(ExpectedRevision.Exact(12)).Select(s => s.ToString()));
    }
}
