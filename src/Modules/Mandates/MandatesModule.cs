using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Mandates.Application;
using ModularPayments.Modules.Mandates.Endpoints;
using ModularPayments.Modules.Mandates.Infrastructure;
using ModularPayments.Modules.Mandates.Infrastructure.Translators;

namespace ModularPayments.Modules.Mandates;

/// <summary>
/// The Mandates module's entry points for the host. It needs an <c>IFintocClient</c>, Customers'
/// <c>IFintocCustomerLinks</c>, PaymentMethods' <c>IPaymentMethodDirectory</c> and Charges' <c>IChargeRequests</c>.
/// <paramref name="authorizationUrlTemplate"/> is the simulator's authorization page in simulator mode, else null.
/// </summary>
public static class MandatesModule
{
    public static Assembly Assembly => typeof(MandatesModule).Assembly;

    public static IServiceCollection AddMandatesModule(this IServiceCollection services, string? authorizationUrlTemplate = null)
    {
        services.AddOptions<MandatesOptions>()
            .BindConfiguration(MandatesOptions.SectionName)
            .Configure(options => options.AuthorizationUrlTemplate ??= authorizationUrlTemplate)
            .Validate(options => options.IsValid, "Mandates settings are invalid: BillingInterval > 0, BillingBatchSize 1..10000.")
            .ValidateOnStart();
        services.AddSingleton<IReadModelProjection, MandatesProjection>();
        services.AddSingleton<IMandateReadModel, SqliteMandateReadModel>();
        services.AddSingleton<IIntegrationEventMapper, MandatesIntegrationEventMapper>();
        services.AddScoped<ISubscriptionGateway, FintocSubscriptionGateway>();
        services.AddScoped<Contracts.ISubscriptionDirectory, SubscriptionDirectory>();
        services.AddSingleton<IWebhookTranslator, SubscriptionIntentTranslator>();
        services.AddSingleton<IWebhookTranslator, SubscriptionTranslator>();
        services.AddSingleton<IReactor, MandateChargeRequester>();
        services.AddSingleton<BillingEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<BillingEngine>());
        return services;
    }

    public static IEndpointRouteBuilder MapMandatesEndpoints(this IEndpointRouteBuilder endpoints) =>
        MandateEndpoints.Map(endpoints);

    public static IEndpointRouteBuilder MapMandatesAdminEndpoints(this IEndpointRouteBuilder admin) =>
        MandateEndpoints.MapAdmin(admin);
}
