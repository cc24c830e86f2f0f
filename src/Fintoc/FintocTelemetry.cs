using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModularPayments.Fintoc;

/// <summary>
/// The names a host registers to collect the Fintoc client's traces and metrics. Tags carry the method, the resource
/// (<c>customers</c>, <c>payment_intents</c>: never an id) and the outcome; never keys, ids, query strings or bodies.
/// </summary>
public static class FintocTelemetry
{
    /// <summary>The <see cref="Meter"/> and the <see cref="ActivitySource"/> share this name.</summary>
    public const string MeterName = "ModularPayments.Fintoc";

    public const string ActivitySourceName = MeterName;

    /// <summary>Every HTTP attempt sent to Fintoc, retries included; tagged with the status code or the error type.</summary>
    public const string RequestsCounterName = "fintoc.client.requests";

    /// <summary>Every retry, tagged with the resource and the reason (<see cref="RetryReasons"/>).</summary>
    public const string RetriesCounterName = "fintoc.client.retries";

    public const string MethodTag = "http.request.method";
    public const string ResourceTag = "fintoc.resource";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";
    public const string ReasonTag = "reason";

    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    /// <summary>The values of the <see cref="ReasonTag"/> of a retry.</summary>
    public static class RetryReasons
    {
        public const string RateLimited = "rate_limited";
        public const string ServerError = "server_error";
        public const string Timeout = "timeout";
        public const string NetworkError = "network_error";
        public const string ConnectionAborted = "connection_aborted";
    }
}

/// <summary>The client's instruments, made by the host's <see cref="IMeterFactory"/> (one meter per service provider).</summary>
internal sealed class FintocMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _retries;

    public FintocMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(FintocTelemetry.MeterName);
        _requests = meter.CreateCounter<long>(FintocTelemetry.RequestsCounterName, "{request}", "HTTP requests sent to Fintoc, retries included.");
        _retries = meter.CreateCounter<long>(FintocTelemetry.RetriesCounterName, "{retry}", "Requests to Fintoc repeated after a retryable failure.");
    }

    public void Request(string method, string resource, int statusCode) =>
        _requests.Add(1, new(FintocTelemetry.MethodTag, method), new(FintocTelemetry.ResourceTag, resource), new(FintocTelemetry.StatusCodeTag, statusCode));

    public void FailedRequest(string method, string resource, string errorType) =>
        _requests.Add(1, new(FintocTelemetry.MethodTag, method), new(FintocTelemetry.ResourceTag, resource), new(FintocTelemetry.ErrorTypeTag, errorType));

    public void Retry(string resource, string reason) =>
        _retries.Add(1, new(FintocTelemetry.ResourceTag, resource), new(FintocTelemetry.ReasonTag, reason));
}
