namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>
/// An event-sourced aggregate: commands call methods that check invariants against <see cref="State"/>
/// and <see cref="Apply"/> new events; the repository appends <see cref="Changes"/> with the expected revision.
/// </summary>
public abstract class Aggregate<TState> : IAggregateLoader
    where TState : AggregateState<TState>, new()
{
    private readonly List<IDomainEvent> _changes = [];

    public TState State { get; private set; } = new();

    /// <summary>Revision of the last stored event this instance was loaded from; -1 when the stream is new.</summary>
    public long OriginalRevision { get; private set; } = -1;

    public bool IsNew => OriginalRevision < 0;

    public IReadOnlyList<IDomainEvent> Changes => _changes;

    public void Load(long revision, IEnumerable<IDomainEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        foreach (var domainEvent in history)
        {
            State = State.When(domainEvent);
        }

        OriginalRevision = revision;
    }

    protected void Apply(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        State = State.When(domainEvent);
        _changes.Add(domainEvent);
    }

    public void MarkCommitted(long revision)
    {
        OriginalRevision = revision;
        _changes.Clear();
    }
}
