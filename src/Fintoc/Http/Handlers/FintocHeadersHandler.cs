using System.Net.Http.Headers;

namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>Authenticates every request (the raw secret key, Fintoc's documented form, no scheme word) and pins the API version.</summary>
internal sealed class FintocHeadersHandler(FintocOptions options) : DelegatingHandler
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", options.SecretKey);
        request.Headers.Remove(FintocHeaders.Version);
        request.Headers.TryAddWithoutValidation(FintocHeaders.Version, options.ApiVersion);
        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.Add(Json);
        }

        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.UserAgent.ParseAdd(options.UserAgent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
