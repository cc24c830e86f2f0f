using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Customers.Application;
using ModularPayments.Modules.Customers.Endpoints;
using ModularPayments.Modules.Customers.Infrastructure;

namespace ModularPayments.Modules.Customers;

/// <summary>The Customers module's entry points for the host.</summary>
public static class CustomersModule
{
    public static Assembly Assembly => typeof(CustomersModule).Assembly;

    public static IServiceCollection AddCustomersModule(this IServiceCollection services)
    {
        services.AddSingleton<IReadModelProjection, CustomersProjection>();
        services.AddSingleton<ICustomerReadModel, SqliteCustomerReadModel>();
        services.AddSingleton<IIntegrationEventMapper, CustomersIntegrationEventMapper>();
        services.AddTransient<IFintocCustomerMirror, FintocCustomerMirror>();
        services.AddScoped<IFintocCustomerLinks, FintocCustomerLinks>();
        services.AddSingleton<IReactor, FintocMirroringReactor>();
        return services;
    }

    public static IEndpointRouteBuilder MapCustomersEndpoints(this IEndpointRouteBuilder endpoints) =>
        CustomerEndpoints.Map(endpoints);
}
