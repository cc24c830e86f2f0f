using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.BuildingBlocks.Infrastructure;

public static class BuildingBlocksRegistration
{
    /// <summary>
    /// The CQRS pipeline (MediatR 5 with the handlers in <paramref name="moduleAssemblies"/>, and the FluentValidation
    /// validators found there by the library's own scan), event serialisation, the aggregate store and the projection host.
    /// The event store adapter is registered separately.
    /// </summary>
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, string dataDirectory, params Assembly[] moduleAssemblies)
    {
        ArgumentNullException.ThrowIfNull(moduleAssemblies);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new EventTypeRegistry([typeof(BuildingBlocksRegistration).Assembly, .. moduleAssemblies]));
        services.AddSingleton<EventSerializer>();
        services.AddScoped<RequestContext>();
        services.AddScoped<IRequestContext>(sp => sp.GetRequiredService<RequestContext>());
        services.AddScoped<IAggregateStore, AggregateStore>();

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        // Registration order is pipeline order, outermost first.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ConcurrencyRetryBehavior<,>));
        var assemblies = moduleAssemblies.Distinct().ToArray();
        foreach (var assembly in assemblies)
        {
            RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>), ServiceLifetime.Transient);
            RegisterIntegrationEventHandlers(services, assembly);
        }

        // Validators are stateless and the modules keep them internal.
        services.AddValidatorsFromAssemblies(assemblies, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddSingleton(new ReadModelDatabase(dataDirectory));
        services.AddSingleton<ProjectionStatusBoard>();
        services.AddOptions<ProjectionOptions>();
        services.AddSingleton<ProjectionsHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionsHostedService>());

        services.AddSingleton<IntegrationEventFeed>();
        services.AddReactors(dataDirectory);
        services.AddWebhookInbox();
        return services;
    }

    private static void AddReactors(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<ReactorOptions>()
            .BindConfiguration(ReactorOptions.SectionName)
            .Validate(options => options.Validate().Count == 0, "Reactors settings are invalid: MaxAttempts 1..100, FirstRetryDelay >= 0, MaxRetryDelay >= FirstRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton(new ReactorCheckpoints(dataDirectory));
        services.AddSingleton<ReactorStatusBoard>();
        services.AddSingleton<ParkedReactionLog>();
        services.AddSingleton<ReactorsHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReactorsHostedService>());
    }

    private static void AddWebhookInbox(this IServiceCollection services)
    {
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<WebhookInboxReactor>();
        services.AddSingleton<IReactor>(sp => sp.GetRequiredService<WebhookInboxReactor>());
        services.AddSingleton<IReadModelProjection, WebhooksProjection>();
        services.AddSingleton<WebhookReadModel>();
    }

    /// <summary>Each <see cref="IIntegrationEventHandler{T}"/> found becomes a reactor of its own (reflection here only, at start-up).</summary>
    private static void RegisterIntegrationEventHandlers(IServiceCollection services, Assembly assembly)
    {
        var register = typeof(IntegrationEventRegistration).GetMethods()
            .Single(m => m.Name == nameof(IntegrationEventRegistration.AddIntegrationEventHandler) && m.GetGenericArguments().Length == 2);
        foreach (var handler in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var subscribed in handler.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>)))
            {
                register.MakeGenericMethod(subscribed.GetGenericArguments()[0], handler).Invoke(null, [services]);
            }
        }
    }

    private static void RegisterClosedImplementations(IServiceCollection services, Assembly assembly, Type openInterface, ServiceLifetime lifetime)
    {
        var implementations = assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });
        foreach (var implementation in implementations)
        {
            var closedInterfaces = implementation.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
            foreach (var closedInterface in closedInterfaces)
            {
                services.Add(new ServiceDescriptor(closedInterface, implementation, lifetime));
            }
        }
    }
}
