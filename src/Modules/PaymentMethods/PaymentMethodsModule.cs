using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Contracts;
using ModularPayments.Modules.PaymentMethods.Endpoints;
using ModularPayments.Modules.PaymentMethods.Infrastructure;
using ModularPayments.Modules.PaymentMethods.Infrastructure.Translators;

namespace ModularPayments.Modules.PaymentMethods;

/// <summary>
/// The PaymentMethods module's entry points for the host. It needs an <c>IFintocClient</c> and the Customers
/// module's <c>IFintocCustomerLinks</c> registered by others.
/// </summary>
public static class PaymentMethodsModule
{
    public static Assembly Assembly => typeof(PaymentMethodsModule).Assembly;

    public static IServiceCollection AddPaymentMethodsModule(this IServiceCollection services)
    {
        services.AddSingleton<IReadModelProjection, PaymentMethodsProjection>();
        services.AddSingleton<IPaymentMethodReadModel, SqlitePaymentMethodReadModel>();
        services.AddSingleton<IIntegrationEventMapper, PaymentMethodsIntegrationEventMapper>();
        services.AddScoped<ISetupGateway, FintocSetupGateway>();
        services.AddScoped<IPaymentMethodDirectory, PaymentMethodDirectory>();
        services.AddSingleton<IWebhookTranslator, CheckoutSessionTranslator>();
        services.AddSingleton<IWebhookTranslator, PaymentMethodTranslator>();
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentMethodsEndpoints(this IEndpointRouteBuilder endpoints) =>
        PaymentMethodEndpoints.Map(endpoints);
}
