using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.EventSourcing;

internal sealed class AggregateStore(IEventStore eventStore, EventSerializer serializer, IRequestContext requestContext) : IAggregateStore
{
    public async Task<TAggregate> LoadAsync<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class, new()
    {
        var aggregate = new TAggregate();
        var loader = aggregate as IAggregateLoader
            ?? throw new InvalidOperationException($"{typeof(TAggregate).Name} is not an Aggregate<TState>.");

        var history = new List<IDomainEvent>();
        var lastRevision = -1L;
        await foreach (var recorded in eventStore.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue, cancellationToken))
        {
            lastRevision = recorded.StreamRevision;
            var domainEvent = serializer.Deserialize(recorded)
                ?? throw new InvalidDataException($"Stream '{streamId}' holds event type '{recorded.EventType}', which no module registers.");
            history.Add(domainEvent);
        }

        loader.Load(lastRevision, history);
        return aggregate;
    }

    public async Task<long> StoreAsync<TState>(string streamId, Aggregate<TState> aggregate, string? idempotencyKey = null, CancellationToken cancellationToken = default)
        where TState : AggregateState<TState>, new()
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (aggregate.Changes.Count == 0)
        {
            return aggregate.OriginalRevision;
        }

        var metadata = new EventMetadata(requestContext.CorrelationId, requestContext.CausationId);
        var events = aggregate.Changes
            .Select((change, index) => serializer.Serialize(change, EventIdFor(streamId, index, idempotencyKey), metadata))
            .ToList();

        var result = await eventStore.AppendToStreamAsync(streamId, ExpectedRevision.FromLastRevision(aggregate.OriginalRevision), events, cancellationToken);
        aggregate.MarkCommitted(result.NextExpectedRevision);
        return result.NextExpectedRevision;
    }

    private static Guid EventIdFor(string streamId, int index, string? idempotencyKey) =>
        idempotencyKey is null
            ? Guid.NewGuid()
            : DeterministicGuid.Create($"{streamId}|{index}|{idempotencyKey}");
}
