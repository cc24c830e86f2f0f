using System.Text.Json;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Errors;

/// <summary>Turns what Fintoc answered into our typed errors, naming the call by method and path (never its query).</summary>
internal static class FintocErrors
{
    public static async Task<FintocApiException> FromResponseAsync(HttpResponseMessage response, Uri baseAddress, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        return new FintocApiException(response.StatusCode, error, Method(response), FintocRequestPath.ForLogs(response.RequestMessage?.RequestUri, baseAddress));
    }

    /// <summary>A 2xx answer whose body is not the expected JSON (or is empty).</summary>
    public static FintocApiException Unreadable(HttpResponseMessage response, Uri baseAddress, string reason) =>
        new(
            response.StatusCode,
            new FintocError("api_error", "unreadable_response", $"Fintoc's answer could not be read: {reason}", null, null),
            Method(response),
            FintocRequestPath.ForLogs(response.RequestMessage?.RequestUri, baseAddress));

    private static string Method(HttpResponseMessage response) => response.RequestMessage?.Method.Method ?? "?";

    private static async Task<FintocError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new FintocError(
                    StringOrNull(error, "type"),
                    StringOrNull(error, "code"),
                    SecretRedaction.Apply(StringOrNull(error, "message") ?? "(no message)"),
                    StringOrNull(error, "param"),
                    StringOrNull(error, "doc_url"));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): reported below without the body itself.
        }

        return new FintocError(null, null, $"HTTP {(int)response.StatusCode} without a Fintoc error body ({text.Length} bytes).", null, null);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
