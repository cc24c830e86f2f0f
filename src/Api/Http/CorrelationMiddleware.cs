using ModularPayments.BuildingBlocks.Infrastructure;

namespace ModularPayments.Api.Http;

/// <summary>
/// Takes the caller's <c>X-Request-Id</c> (when it is short and plain) or makes one, stamps it on every event the
/// request stores, and echoes it back so the merchant can quote it.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";

    public Task InvokeAsync(HttpContext context, RequestContext requestContext)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requestContext);
        var presented = context.Request.Headers[Header].ToString();
        var correlationId = presented.Length is > 0 and <= 64 && presented.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? presented
            : context.TraceIdentifier;
        requestContext.CorrelationId = correlationId;
        requestContext.CausationId = correlationId;
        context.Response.Headers[Header] = correlationId;
        return next(context);
    }
}
