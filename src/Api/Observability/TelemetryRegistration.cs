using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Observability;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModularPayments.Api.Observability;

/// <summary>
/// OpenTelemetry for the host: incoming requests, outgoing HTTP (Fintoc), the Fintoc client's own source and meter,
/// the event store, projection lag and the runtime. Query strings are redacted by the instrumentations, and no
/// headers or bodies are recorded.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The ActivitySource and Meter of the Fintoc client (src/Fintoc), registered by name.</summary>
    public const string FintocSourceName = "ModularPayments.Fintoc";

    public const string ServiceName = "modularpayments";

    public const string MetricsPath = "/metrics";

    private const string InnerEventStoreKey = "instrumented-inner";

    public static void AddTelemetry(this IServiceCollection services, IConfiguration configuration, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<ProjectionLagMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionLagMetrics>());

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(ServiceName);
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddSource(FintocSourceName, InstrumentedEventStore.SourceName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(FintocSourceName, InstrumentedEventStore.MeterName, ProjectionLagMetrics.MeterName);
                if (!UsesOtlp(configuration, options))
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
        }
        else if (UsesOtlp(configuration, options))
        {
            telemetry.UseOtlpExporter(); // Reads every standard OTEL_EXPORTER_OTLP_* variable.
        }
    }

    public static bool UsesOtlp(IConfiguration configuration, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        return options.OtlpEndpoint is not null || !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.StandardEndpointVariable]);
    }

    public static void MapTelemetry(this WebApplication app, IConfiguration configuration, TelemetryOptions options)
    {
        if (!UsesOtlp(configuration, options))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }
    }

    /// <summary>
    /// Wraps the registered event-store adapter in <see cref="InstrumentedEventStore"/>. The adapter stays a
    /// (keyed) registration of its own so the container still disposes it.
    /// </summary>
    public static void InstrumentEventStore(this IServiceCollection services)
    {
        var adapter = services.LastOrDefault(d => d.ServiceType == typeof(IEventStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register an IEventStore adapter before instrumenting it.");
        services.RemoveAll<IEventStore>();
        services.Add(new ServiceDescriptor(typeof(IEventStore), InnerEventStoreKey, (sp, _) => CreateAdapter(sp, adapter), adapter.Lifetime));
        services.Add(new ServiceDescriptor(
            typeof(IEventStore),
            sp => new InstrumentedEventStore(sp.GetRequiredKeyedService<IEventStore>(InnerEventStoreKey), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            adapter.Lifetime));
    }

    private static object CreateAdapter(IServiceProvider services, ServiceDescriptor adapter) =>
        adapter.ImplementationFactory?.Invoke(services)
        ?? adapter.ImplementationInstance
        ?? ActivatorUtilities.CreateInstance(services, adapter.ImplementationType!);
}
