using System.Net;

namespace ModularPayments.Fintoc.Errors;

/// <summary>Fintoc answered with an error body: <c>{"error": {type, code, message, param, doc_url}}</c>.</summary>
public sealed class FintocApiException : Exception
{
    public FintocApiException(HttpStatusCode statusCode, FintocError error, string method, string path)
        : base($"Fintoc {method} {path} answered {(int)statusCode}: {error.Code ?? error.Type ?? "error"}{(error.Param is null ? "" : $" ({error.Param})")}: {error.Message}")
    {
        StatusCode = statusCode;
        Error = error;
    }

    public HttpStatusCode StatusCode { get; }

    public FintocError Error { get; }

    public string? Type => Error.Type;

    public string? Code => Error.Code;

    public string? Param => Error.Param;

    public string? DocUrl => Error.DocUrl;

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsAuthentication => StatusCode == HttpStatusCode.Unauthorized;

    public bool IsIdempotencyKeyReused => Code == FintocErrorCodes.IdempotencyKeyReused;
}

/// <summary>The error object Fintoc sends; any field may be missing.</summary>
public sealed record FintocError(string? Type, string? Code, string Message, string? Param, string? DocUrl);

/// <summary>Error codes this product reacts to; any other code is carried as it came.</summary>
public static class FintocErrorCodes
{
    public const string MissingParameter = "missing_parameter";
    public const string InvalidApiKey = "invalid_api_key";
    public const string MissingResource = "missing_resource";
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>Not documented by Fintoc (NOT FOUND in the facts); the simulator answers it, the client tolerates any.</summary>
    public const string CustomerAlreadyExists = "customer_already_exists";

    /// <summary>Not documented by Fintoc (NOT FOUND in the facts); the simulator answers it.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";
}
