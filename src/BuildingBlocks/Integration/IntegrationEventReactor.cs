using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Reactors;

namespace ModularPayments.BuildingBlocks.Integration;

/// <summary>
/// One integration-event subscriber as a reactor of its own: its own checkpoint, its own retries and parking, so a
/// failing subscriber never holds up another. The handler is resolved from a fresh scope for every event.
/// </summary>
public sealed class IntegrationEventReactor<TIntegrationEvent>(
    string name,
    IEnumerable<IIntegrationEventMapper> mappers,
    IServiceScopeFactory scopes,
    Func<IServiceProvider, IIntegrationEventHandler<TIntegrationEvent>> resolveHandler) : IReactor
    where TIntegrationEvent : class
{
    private readonly IReadOnlyList<IIntegrationEventMapper> _mappers = [.. mappers];

    public string Name { get; } = name;

    public bool Wants(ReactorEvent reactorEvent) => Published(reactorEvent).Any();

    public async Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken)
    {
        foreach (var integrationEvent in Published(reactorEvent))
        {
            await using var scope = scopes.CreateAsyncScope();
            await resolveHandler(scope.ServiceProvider).HandleAsync(integrationEvent, cancellationToken);
        }
    }

    private IEnumerable<TIntegrationEvent> Published(ReactorEvent reactorEvent) =>
        reactorEvent.Event is null
            ? []
            : _mappers.SelectMany(mapper => mapper.Map(reactorEvent.Event, reactorEvent.Record)).OfType<TIntegrationEvent>();
}
