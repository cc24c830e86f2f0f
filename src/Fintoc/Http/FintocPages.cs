using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ModularPayments.Fintoc.Errors;

namespace ModularPayments.Fintoc.Http;

/// <summary>
/// Every element of a list, page after page: the first page from the Refit list method, then the <c>Link: rel="next"</c>
/// URL verbatim (v1 page numbers and v2 cursors alike). A next link must stay on the origin that answered the page, so
/// the secret key never travels to a host Fintoc's answer names.
/// </summary>
internal static class FintocPages
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        Func<CancellationToken, Task<HttpResponseMessage>> firstPage,
        Func<Uri, CancellationToken, Task<HttpResponseMessage>> nextPage,
        Uri baseAddress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await firstPage(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            List<T> items;
            Uri? next;
            using (response)
            {
                items = await ReadItemsAsync<T>(response, baseAddress, cancellationToken).ConfigureAwait(false);
                next = NextLink(response, baseAddress);
            }

            foreach (var item in items)
            {
                yield return item;
            }

            if (next is null)
            {
                yield break;
            }

            response = await nextPage(next, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<T>> ReadItemsAsync<T>(HttpResponseMessage response, Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<List<T>>(FintocJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw FintocErrors.Unreadable(response, baseAddress, "empty list page");
        }
        catch (JsonException exception)
        {
            throw FintocErrors.Unreadable(response, baseAddress, exception.Message);
        }
    }

    private static Uri? NextLink(HttpResponseMessage response, Uri baseAddress)
    {
        if (!response.Headers.TryGetValues("Link", out var values) || LinkHeader.Next(values) is not { } text)
        {
            return null;
        }

        var page = response.RequestMessage?.RequestUri ?? baseAddress;
        if (!Uri.TryCreate(page, text, out var next) || !SameOrigin(next, page))
        {
            throw FintocErrors.Unreadable(response, baseAddress, "the next-page link leaves the origin that answered the page");
        }

        return next;
    }

    private static bool SameOrigin(Uri link, Uri page) =>
        Uri.Compare(link, page, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
