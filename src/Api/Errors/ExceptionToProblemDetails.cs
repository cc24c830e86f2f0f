using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb.Transport;
using ModularPayments.Fintoc.Errors;

namespace ModularPayments.Api.Errors;

/// <summary>
/// The one place exceptions become HTTP answers. Known failures get their status and a message naming the field;
/// anything else is a 500 that says nothing about the internals (the log has the details).
/// </summary>
public sealed partial class ExceptionToProblemDetails(ILogger<ExceptionToProblemDetails> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        switch (exception)
        {
            case ValidationException validation:
                var errors = validation.Errors
                    .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
                await ProblemResponses.WriteAsync(httpContext, 400, "validation_failed", "The request is invalid", Summarize(errors), errors);
                return true;
            case DomainRuleViolation { Field: { } field } violation:
                await ProblemResponses.WriteAsync(httpContext, 400, violation.Code, "The request is invalid", violation.Message, new Dictionary<string, string[]> { [field] = [violation.Message] });
                return true;
            case DomainRuleViolation violation:
                await ProblemResponses.WriteAsync(httpContext, 422, violation.Code, "The request breaks a business rule", violation.Message);
                return true;
            case NotFoundException notFound:
                await ProblemResponses.WriteAsync(httpContext, 404, "not_found", "Not found", notFound.Message);
                return true;
            case ConflictException conflict:
                await ProblemResponses.WriteAsync(httpContext, 409, conflict.Code, "Conflict", conflict.Message, extensions: conflict.Details);
                return true;
            case WrongExpectedRevisionException:
                await ProblemResponses.WriteAsync(httpContext, 409, "concurrency_conflict", "Conflict", "The resource was changed by another request at the same time; retry the request.");
                return true;
            case DuplicateEventIdException:
                await ProblemResponses.WriteAsync(httpContext, 409, "idempotency_conflict", "Conflict", "This request repeats an earlier one whose result differs from what it now asks for; use a new Idempotency-Key for a new request.");
                return true;
            case FintocApiException fintoc:
                // Fintoc refused or failed a call we made for this request: not the caller's fault, and safe to retry
                // with the same Idempotency-Key. Fintoc's code is passed on; its message may quote parameters, so it is not.
                LogFintocFailed(logger, httpContext.Request.Method, httpContext.Request.Path, (int)fintoc.StatusCode, fintoc.Code ?? fintoc.Type ?? "error");
                await ProblemResponses.WriteAsync(httpContext, 502, "payments_provider_error", "Fintoc could not complete the request", $"Fintoc answered {(int)fintoc.StatusCode} ({fintoc.Code ?? fintoc.Type ?? "error"}). Retrying with the same Idempotency-Key is safe.", extensions: new Dictionary<string, string> { ["fintoc_code"] = fintoc.Code ?? fintoc.Type ?? "error" });
                return true;
            case FintocTransportException:
                LogFintocUnreachable(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                await ProblemResponses.WriteAsync(httpContext, 502, "payments_provider_unavailable", "Fintoc could not be reached", "Fintoc did not answer after several attempts. Retrying with the same Idempotency-Key is safe.");
                return true;
            case EventStoreDbException { IsUnavailable: true }:
                // The store had no leader within its failover bound (ADR 0018): a wait, not a fault on our side.
                LogStoreUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                httpContext.Response.Headers.RetryAfter = "1";
                await ProblemResponses.WriteAsync(httpContext, 503, "store_unavailable", "The event store is unavailable", "The event store could not take the request for now (for example while its cluster elects a new leader). Retry after a second; with the same Idempotency-Key it is safe.");
                return true;
            case BadHttpRequestException badRequest:
                await WriteBadRequestAsync(httpContext, badRequest);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
                await ProblemResponses.WriteAsync(httpContext, 500, "internal_error", "Internal error", "The request failed on our side. Retrying with the same Idempotency-Key is safe.");
                return true;
        }
    }

    private static async Task WriteBadRequestAsync(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ProblemResponses.WriteAsync(context, 413, "body_too_large", "Request body too large", "The request body is larger than this API accepts.");
            return;
        }

        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"{field} is not a field of this request."
                : json.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? $"{field} has the wrong type."
                    : field == "body"
                        ? "The body is not valid JSON."
                        : $"The body is not valid JSON (at {field}).";
            await ProblemResponses.WriteAsync(context, 400, "invalid_json", "The request body could not be read", message, new Dictionary<string, string[]> { [field] = [message] });
            return;
        }

        var detail = exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "Send the body as Content-Type: application/json."
            : exception.Message.Contains("was not provided", StringComparison.Ordinal) || exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                ? "A JSON request body is required."
                : "The request could not be read.";
        await ProblemResponses.WriteAsync(context, exception.StatusCode, "bad_request", "Bad request", detail);
    }

    /// <summary>"$.tax_id.value" → "tax_id.value"; the whole document is "body".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).Trim('.');
    }

    private static string Summarize(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.Values.SelectMany(messages => messages));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fintoc answered {Status} ({FintocCode}) during {Method} {Path}")]
    private static partial void LogFintocFailed(ILogger logger, string method, string path, int status, string fintocCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fintoc unreachable during {Method} {Path}")]
    private static partial void LogFintocUnreachable(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store unavailable during {Method} {Path}")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
