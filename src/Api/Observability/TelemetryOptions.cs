namespace ModularPayments.Api.Observability;

/// <summary>
/// <c>OpenTelemetry:*</c>. With an OTLP endpoint (this setting or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>)
/// traces, metrics and logs go there; without one, metrics are served for scraping at <c>/metrics</c>.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public Uri? OtlpEndpoint { get; set; }
}
