using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using ModularPayments.Api.Admin;
using ModularPayments.Api.Authentication;
using ModularPayments.Api.Configuration;
using ModularPayments.Api.Errors;
using ModularPayments.Api.Events;
using ModularPayments.Api.Fintoc;
using ModularPayments.Api.Health;
using ModularPayments.Api.Http;
using ModularPayments.Api.Observability;
using ModularPayments.Api.OpenApi;
using ModularPayments.Api.Webhooks;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Infrastructure;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.EventStore.EventStoreDb;
using ModularPayments.EventStore.Sqlite;
using ModularPayments.Modules.Charges;
using ModularPayments.Modules.Customers;
using ModularPayments.Modules.Mandates;
using ModularPayments.Modules.PaymentMethods;

namespace ModularPayments.Api;

/// <summary>The composition root: configuration, modules, the HTTP pipeline.</summary>
public static partial class ServiceHost
{
    public const string RebuildProjectionsFlag = "--rebuild-projections";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(TranslateFlags(args));
        ShippedSettings.AddTo(builder);
        // Every log line written inside a request carries its trace and span ids, to join logs and traces.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var settings = StartupConfiguration.Read(builder.Configuration);
        var dataDirectory = Path.GetFullPath(settings.Storage.DataDirectory); // relative to the working directory, like any CLI path

        ConfigureServices(builder, settings, dataDirectory);
        var app = builder.Build();
        ConfigurePipeline(app, settings);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ModularPayments.Api");
        LogStarting(logger, settings.EventStore.Provider, dataDirectory, settings.Fintoc.UsesSimulator ? "simulator" : "fintoc");
        if (settings.UsesDevelopmentApiKey)
        {
            LogDevelopmentKey(logger);
        }

        if (!settings.Fintoc.UsesSimulator && settings.Fintoc.WebhookSecrets.Count == 0)
        {
            LogNoWebhookSecrets(logger);
        }

        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder, StartupConfiguration settings, string dataDirectory)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.Api.MaxRequestBodyBytes);

        services.AddSingleton(settings);
        services.AddFintocProvider(builder.Configuration, settings);
        if (settings.EventStore.UsesEventStoreDb)
        {
            services.AddEventStoreDb(settings.EventStore.ConnectionString!);
        }
        else
        {
            services.AddSingleton<IEventStore>(sp => new SqliteEventStore(
                new SqliteEventStoreOptions { FilePath = Path.GetFullPath(settings.EventStore.SqliteFile ?? Path.Combine(dataDirectory, "events.db")) },
                sp.GetRequiredService<TimeProvider>()));
        }

        services.InstrumentEventStore();
        services.AddTelemetry(builder.Configuration, settings.Telemetry);

        services.AddBuildingBlocks(dataDirectory, CustomersModule.Assembly, PaymentMethodsModule.Assembly, ChargesModule.Assembly, MandatesModule.Assembly);
        services.AddSingleton(new WebhookSecrets(settings.Fintoc.WebhookSecrets));
        services.AddSingleton(new WebhookSettings(TimeSpan.FromSeconds(settings.Fintoc.WebhookToleranceSeconds)));
        if (settings.Fintoc.UsesSimulator)
        {
            services.AddSingleton<SimulatorWebhookRegistration>();
            services.AddHostedService(sp => sp.GetRequiredService<SimulatorWebhookRegistration>());
        }

        services.Configure<ProjectionOptions>(builder.Configuration.GetSection("Projections"));
        services.AddCustomersModule();
        services.AddPaymentMethodsModule();
        services.AddChargesModule();
        services.AddMandatesModule(settings.Fintoc.UsesSimulator ? FintocProvider.SimulatorPrefix + "/widget/subscription_intents/{id}?widget_token={widget_token}" : null);

        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionToProblemDetails>();
        services.AddApiReference();

        var keyHashes = settings.MerchantApiKeys.Select(MerchantApiKeyOptions.Hash).ToList();
        services.AddAuthentication(MerchantApiKeyAuthentication.Scheme)
            .AddScheme<MerchantApiKeyOptions, MerchantApiKeyAuthenticationHandler>(MerchantApiKeyAuthentication.Scheme, options => options.KeyHashes = keyHashes);
        services.AddAuthorizationBuilder()
            .AddPolicy(MerchantApiKeyAuthentication.Policy, policy => policy.AddAuthenticationSchemes(MerchantApiKeyAuthentication.Scheme).RequireAuthenticatedUser());
    }

    private static void ConfigurePipeline(WebApplication app, StartupConfiguration settings)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>(settings.Api.MaxRequestBodyBytes);
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapApiReference(settings);
        app.MapTelemetry(app.Configuration, settings.Telemetry);
        HealthEndpoint.Map(app, settings.EventStore.Provider, settings.Fintoc.UsesSimulator ? "simulator" : "fintoc");
        app.MapFintocProvider(settings);
        FintocWebhookEndpoint.Map(app);

        var v1 = app.MapGroup("/v1").RequireAuthorization(MerchantApiKeyAuthentication.Policy);
        v1.MapCustomersEndpoints();
        v1.MapPaymentMethodsEndpoints();
        EventFeedEndpoints.Map(v1);
        v1.MapChargesEndpoints();
        v1.MapMandatesEndpoints();

        var admin = app.MapGroup("/admin").RequireAuthorization(MerchantApiKeyAuthentication.Policy);
        ProjectionAdminEndpoints.Map(admin);
        WebhookAdminEndpoints.Map(admin);
        ReactorAdminEndpoints.Map(admin);
        admin.MapChargesAdminEndpoints();
        admin.MapMandatesAdminEndpoints();
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        var defaults = JsonDefaults.Create();
        options.PropertyNamingPolicy = defaults.PropertyNamingPolicy;
        options.NumberHandling = JsonNumberHandling.Strict;
        // A misspelt field is an error the caller should see, not a silently dropped value.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        foreach (var converter in defaults.Converters)
        {
            options.Converters.Add(converter);
        }
    }

    private static string[] TranslateFlags(string[] args) =>
        [.. args.Select(arg => arg == RebuildProjectionsFlag ? "--Projections:RebuildOnStart=true" : arg)];

    [LoggerMessage(Level = LogLevel.Information, Message = "ModularPayments starting: event store {Provider} in {DataDirectory}, payments provider {PaymentsProvider}")]
    private static partial void LogStarting(ILogger logger, string provider, string dataDirectory, string paymentsProvider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Fintoc:WebhookSecrets configured: every delivery to /webhooks/fintoc will be refused")]
    private static partial void LogNoWebhookSecrets(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Merchant:ApiKeys configured: the documented development key is accepted (simulator only)")]
    private static partial void LogDevelopmentKey(ILogger logger);
}
