using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.Charges.Endpoints;
using ModularPayments.Modules.Charges.Infrastructure;
using ModularPayments.Modules.Charges.Infrastructure.Translators;

namespace ModularPayments.Modules.Charges;

/// <summary>
/// The Charges module's entry points for the host. It needs an <c>IFintocClient</c>, the Customers module's
/// <c>IFintocCustomerLinks</c> and the PaymentMethods module's <c>IPaymentMethodDirectory</c> registered by others.
/// </summary>
public static class ChargesModule
{
    public static Assembly Assembly => typeof(ChargesModule).Assembly;

    public static IServiceCollection AddChargesModule(this IServiceCollection services)
    {
        services.AddOptions<ChargesOptions>()
            .BindConfiguration(ChargesOptions.SectionName)
            .Validate(options => options.Validate().Count == 0, "Charges settings are invalid: MaxAmount:CLP and MaxAmount:MXN > 0, JanitorInterval and PendingTimeout > 0, JanitorBatchSize 1..1000.")
            .ValidateOnStart();
        services.AddSingleton<IReadModelProjection, ChargesProjection>();
        services.AddSingleton<IChargeReadModel, SqliteChargeReadModel>();
        services.AddSingleton<IIntegrationEventMapper, ChargesIntegrationEventMapper>();
        services.AddScoped<IChargeGateway, FintocChargeGateway>();
        services.AddScoped<IChargeRequests, ChargeRequests>();
        services.AddSingleton<IWebhookTranslator, PaymentIntentTranslator>();
        services.AddSingleton<IWebhookTranslator, ChargeTranslator>();
        services.AddSingleton<IReactor, ChargeSubmitter>();
        services.AddSingleton<ChargeJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChargeJanitor>());
        return services;
    }

    public static IEndpointRouteBuilder MapChargesEndpoints(this IEndpointRouteBuilder endpoints) =>
        ChargeEndpoints.Map(endpoints);

    public static IEndpointRouteBuilder MapChargesAdminEndpoints(this IEndpointRouteBuilder admin) =>
        ChargeEndpoints.MapAdmin(admin);
}
