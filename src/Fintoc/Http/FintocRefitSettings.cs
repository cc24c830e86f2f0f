using System.Globalization;
using System.Reflection;
using ModularPayments.Fintoc.Errors;
using Refit;

namespace ModularPayments.Fintoc.Http;

/// <summary>
/// How Refit speaks Fintoc: snake_case JSON and query keys, UTC timestamps in queries, bodies buffered so a retry sends
/// the same bytes, and only our typed errors out: Refit's own exceptions never reach a caller.
/// </summary>
internal static class FintocRefitSettings
{
    public static RefitSettings Create(FintocOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseAddress = options.BaseAddress;
        return new RefitSettings(new SystemTextJsonContentSerializer(FintocJson.Options))
        {
            UrlParameterKeyFormatter = new SnakeCaseUrlParameterKeyFormatter(),
            UrlParameterFormatter = new FintocUrlParameterFormatter(),
            Buffered = true,
            // FintocErrorHandler has already turned every non-2xx answer into a FintocApiException; this is the backstop.
            ExceptionFactory = async response => response.IsSuccessStatusCode
                ? null
                : await FintocErrors.FromResponseAsync(response, baseAddress, CancellationToken.None).ConfigureAwait(false),
            DeserializationExceptionFactory = (response, exception) =>
                ValueTask.FromResult<Exception?>(FintocErrors.Unreadable(response, baseAddress, exception.Message)),
            // Our handlers already throw our own exceptions (transport, idempotency key, cancellation): pass them on as they are.
            TransportExceptionFactory = (_, exception, _) => exception,
        };
    }

    private sealed class FintocUrlParameterFormatter : IUrlParameterFormatter
    {
        private readonly DefaultUrlParameterFormatter _default = new();

        public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
        {
            DateTimeOffset date => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            _ => _default.Format(value, attributeProvider, type),
        };
    }
}
