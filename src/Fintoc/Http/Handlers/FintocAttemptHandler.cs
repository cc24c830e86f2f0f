using Microsoft.Extensions.Logging;

namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>One HTTP attempt as it leaves: counted in <c>fintoc.client.requests</c> and logged at Debug, by path without query.</summary>
internal sealed partial class FintocAttemptHandler(FintocOptions options, TimeProvider time, FintocMetrics metrics, ILogger<FintocClient> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var resource = FintocRequestPath.Resource(request.RequestUri);
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            metrics.FailedRequest(method, resource, exception.GetType().FullName ?? "unknown");
            throw;
        }

        response.RequestMessage ??= request;
        metrics.Request(method, resource, (int)response.StatusCode);
        LogAttempt(logger, method, FintocRequestPath.ForLogs(request.RequestUri, options.BaseAddress), (int)response.StatusCode, FintocAttempt.Get(request), time.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fintoc {Method} {Path} answered {StatusCode} (attempt {Attempt}, {ElapsedMs:0} ms)")]
    private static partial void LogAttempt(ILogger logger, string method, string path, int statusCode, int attempt, double elapsedMs);
}
