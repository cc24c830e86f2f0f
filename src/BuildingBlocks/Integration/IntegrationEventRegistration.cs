using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Reactors;

namespace ModularPayments.BuildingBlocks.Integration;

public static class IntegrationEventRegistration
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TIntegrationEvent"/> with a reactor named
    /// <c>integration-{handler-name}</c> (its checkpoint key: keep handler names stable).
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TIntegrationEvent, THandler>(this IServiceCollection services)
        where TIntegrationEvent : class
        where THandler : class, IIntegrationEventHandler<TIntegrationEvent>
    {
        services.AddScoped<THandler>();
        return services.AddIntegrationEventHandler<TIntegrationEvent>(ReactorNameOf(typeof(THandler)), sp => sp.GetRequiredService<THandler>());
    }

    /// <summary>Subscribes a handler built by <paramref name="resolveHandler"/> under an explicit reactor name.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TIntegrationEvent>(
        this IServiceCollection services,
        string reactorName,
        Func<IServiceProvider, IIntegrationEventHandler<TIntegrationEvent>> resolveHandler)
        where TIntegrationEvent : class
    {
        services.AddSingleton<IReactor>(sp => new IntegrationEventReactor<TIntegrationEvent>(
            reactorName,
            sp.GetServices<IIntegrationEventMapper>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            resolveHandler));
        return services;
    }

    /// <summary><c>PaymentMethodsOnCustomerLinked</c> becomes <c>integration-payment-methods-on-customer-linked</c>.</summary>
    public static string ReactorNameOf(Type handlerType)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        var name = new StringBuilder("integration");
        foreach (var character in handlerType.Name)
        {
            if (char.IsUpper(character))
            {
                name.Append('-');
            }

            name.Append(char.ToLower(character, CultureInfo.InvariantCulture));
        }

        return name.ToString();
    }
}
