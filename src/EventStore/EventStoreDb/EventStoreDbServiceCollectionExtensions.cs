using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb.Connection;

namespace ModularPayments.EventStore.EventStoreDb;

public static class EventStoreDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EventStoreDbEventStore"/> as the <see cref="IEventStore"/> singleton. The connection string
    /// is parsed here, so a bad one fails at start-up with a <see cref="FormatException"/> naming the bad part.
    /// </summary>
    public static IServiceCollection AddEventStoreDb(this IServiceCollection services, string connectionString, EventStoreDbOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connection = EventStoreDbConnectionString.Parse(connectionString);
        services.AddSingleton<IEventStore>(sp => new EventStoreDbEventStore(
            connection,
            options ?? new EventStoreDbOptions(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<EventStoreDbEventStore>>()));
        return services;
    }
}
