using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.BuildingBlocks.Integration;

/// <summary>
/// Publishes integration events from the global log: a projection without tables whose checkpoint advances only
/// after every handler of an event has succeeded. A failing handler stops the publisher, which retries from there.
/// </summary>
public sealed class IntegrationEventPublisher(IEnumerable<IIntegrationEventMapper> mappers, IServiceScopeFactory scopes) : IReadModelProjection
{
    public string Name => "integration-events";

    public int SchemaVersion => 1;

    public Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectedEvent);
        foreach (var integrationEvent in mappers.SelectMany(m => m.Map(projectedEvent.Event, projectedEvent.Record)))
        {
            await using var scope = scopes.CreateAsyncScope();
            var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(integrationEvent.GetType());
            foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
            {
                var handle = handlerType.GetMethod(nameof(IIntegrationEventHandler<object>.HandleAsync))!;
                await (Task)handle.Invoke(handler, [integrationEvent, cancellationToken])!;
            }
        }
    }
}
