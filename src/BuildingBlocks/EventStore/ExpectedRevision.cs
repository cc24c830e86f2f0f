namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>What the writer believes about the stream before its append; the store refuses the append otherwise.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    private ExpectedRevision(long value) => Value = value;

    /// <summary>No check at all.</summary>
    public static ExpectedRevision Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedRevision NoStream { get; } = new(NoStreamValue);

    /// <summary>The stream must have at least one event.</summary>
    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    public long Value { get; }

    public bool IsExact => Value >= 0;

    /// <summary>The stream's last event must be at <paramref name="revision"/> (zero-based).</summary>
    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new ExpectedRevision(revision) : throw new ArgumentOutOfRangeException(nameof(revision), revision, "A revision is zero or more.");

    /// <summary>-1 (a stream that does not exist yet) means <see cref="NoStream"/>.</summary>
    public static ExpectedRevision FromLastRevision(long lastRevision) => lastRevision < 0 ? NoStream : Exact(lastRevision);

    /// <summary>Whether a stream whose last revision is <paramref name="currentRevision"/> (-1: none) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long currentRevision) => Value switch
    {
        AnyValue => true,
        NoStreamValue => currentRevision < 0,
        StreamExistsValue => currentRevision >= 0,
        _ => currentRevision == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no_stream",
        StreamExistsValue => "stream_exists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
