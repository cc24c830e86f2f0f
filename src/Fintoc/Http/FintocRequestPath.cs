namespace ModularPayments.Fintoc.Http;

/// <summary>What of a request URL may be shown: logs and messages get the path, telemetry only the resource name.</summary>
internal static class FintocRequestPath
{
    public const string UnknownResource = "unknown";

    /// <summary>The path below the base address, without its query: list filters carry e-mails and tax ids.</summary>
    public static string ForLogs(Uri? requestUri, Uri baseAddress)
    {
        if (requestUri is null)
        {
            return "/";
        }

        var path = requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString.Split('?', 2)[0];
        var basePath = baseAddress.AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            path = path[basePath.Length..];
        }

        return path.StartsWith('/') ? path : "/" + path;
    }

    /// <summary>The segment after <c>v1</c>/<c>v2</c> (<c>customers</c>, <c>payment_intents</c>), never an id.</summary>
    public static string Resource(Uri? requestUri)
    {
        if (requestUri is null)
        {
            return UnknownResource;
        }

        var path = requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString.Split('?', 2)[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = Array.FindIndex(segments, segment => segment is "v1" or "v2");
        return version >= 0 && version + 1 < segments.Length ? segments[version + 1] : UnknownResource;
    }
}
