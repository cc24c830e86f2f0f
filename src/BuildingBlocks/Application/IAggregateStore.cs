using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>Loads aggregates by folding their streams and appends their new events with the revision they were loaded at.</summary>
public interface IAggregateStore
{
    /// <summary>The aggregate folded from its stream; a fresh one (<c>IsNew</c>) when the stream does not exist.</summary>
    Task<TAggregate> LoadAsync<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class, new();

    /// <summary>
    /// Appends the aggregate's changes expecting the revision it was loaded at. With an <paramref name="idempotencyKey"/>
    /// the event ids are derived from it, so replaying the same command re-appends the same events.
    /// </summary>
    Task<long> StoreAsync<TState>(string streamId, Aggregate<TState> aggregate, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        where TState : AggregateState<TState>, new();
}
