using System.Diagnostics;
using ModularPayments.Fintoc.Errors;

namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>
/// One activity per logical call (all its attempts): the resource and the method, then the final status or error type.
/// No URL, id, key or body is recorded.
/// </summary>
internal sealed class FintocTelemetryHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var resource = FintocRequestPath.Resource(request.RequestUri);
        using var activity = FintocTelemetry.ActivitySource.StartActivity($"Fintoc {request.Method.Method} {resource}", ActivityKind.Client);
        activity?.SetTag(FintocTelemetry.MethodTag, request.Method.Method);
        activity?.SetTag(FintocTelemetry.ResourceTag, resource);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(FintocTelemetry.StatusCodeTag, (int)response.StatusCode);
            return response;
        }
        catch (FintocApiException exception)
        {
            activity?.SetTag(FintocTelemetry.StatusCodeTag, (int)exception.StatusCode);
            activity?.SetTag(FintocTelemetry.ErrorTypeTag, ((int)exception.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        catch (Exception exception)
        {
            activity?.SetTag(FintocTelemetry.ErrorTypeTag, exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }
}
