using System.Net;
using ModularPayments.Fintoc.Errors;

namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>
/// Turns Fintoc's final answer (after retries) into <see cref="FintocApiException"/> when it is an error, or an empty
/// body where a resource was expected, so every Refit method and every list page sees only readable 2xx answers.
/// </summary>
internal sealed class FintocErrorHandler(FintocOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && (response.Content.Headers.ContentLength != 0 || response.StatusCode == HttpStatusCode.NoContent))
        {
            return response;
        }

        using (response)
        {
            throw response.IsSuccessStatusCode
                ? FintocErrors.Unreadable(response, options.BaseAddress, "empty body")
                : await FintocErrors.FromResponseAsync(response, options.BaseAddress, cancellationToken).ConfigureAwait(false);
        }
    }
}
