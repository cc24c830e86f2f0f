using System.Text;
using ModularPayments.Api.Errors;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Api.Webhooks;

public sealed record WebhookAccepted(bool Received, string EventId, bool Duplicate);

/// <summary>
/// <c>POST /webhooks/fintoc</c>: the signature is the authentication. The raw body is verified, the envelope read, and
/// the delivery stored in the durable inbox before the 2xx; processing happens later, in the inbox reactor.
/// A refused delivery changes nothing and its body is never logged.
/// </summary>
public static partial class FintocWebhookEndpoint
{
    public const string Path = "/webhooks/fintoc";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Webhooks")
            .WithName("ReceiveFintocWebhook")
            .WithSummary("Fintoc's signed webhooks (Fintoc-Signature: t=...,v1=...). No merchant key.")
            .Produces<WebhookAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task ReceiveAsync(HttpContext context, WebhookSecrets secrets, WebhookInbox inbox, WebhookSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ModularPayments.Api.Webhooks");
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var verifier = new WebhookSignatureVerifier(secrets.Current, settings.Tolerance, time);
        var verification = verifier.Verify(body, context.Request.Headers[WebhookSignatureVerifier.HeaderName].ToString());
        if (!verification.IsValid)
        {
            var reason = ToSnakeCase(verification.Failure.ToString());
            LogRefused(logger, reason);
            await ProblemResponses.WriteAsync(context, 400, "invalid_signature", "Webhook signature refused", verification.Message, extensions: new Dictionary<string, string> { ["reason"] = reason });
            return;
        }

        FintocEvent fintocEvent;
        try
        {
            fintocEvent = FintocEventEnvelope.Parse(body);
        }
        catch (FintocEventParseException exception)
        {
            LogNotAnEvent(logger, exception.Field);
            await ProblemResponses.WriteAsync(context, 400, "invalid_event", "Not a Fintoc event", exception.Message, new Dictionary<string, string[]> { [exception.Field] = [exception.Message] });
            return;
        }

        if (!WebhookInbox.IsValidEventId(fintocEvent.Id))
        {
            const string message = "id must be 1 to 128 letters, digits, '_' or '-'.";
            await ProblemResponses.WriteAsync(context, 400, "invalid_event", "Not a Fintoc event", message, new Dictionary<string, string[]> { ["id"] = [message] });
            return;
        }

        var delivery = new WebhookDelivery(fintocEvent.Id, fintocEvent.Type, fintocEvent.Mode, fintocEvent.CreatedAt, Encoding.UTF8.GetString(body));
        var acceptance = await inbox.AcceptAsync(delivery, Guid.NewGuid(), context.TraceIdentifier, context.RequestAborted);
        LogAccepted(logger, fintocEvent.Id, fintocEvent.Type, acceptance == InboxAcceptance.Duplicate);
        await Results.Ok(new WebhookAccepted(true, fintocEvent.Id, acceptance == InboxAcceptance.Duplicate)).ExecuteAsync(context);
    }

    /// <summary>The bytes exactly as sent: the signature covers them, so they are never re-serialised.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: not a Fintoc event ({Field})")]
    private static partial void LogNotAnEvent(ILogger logger, string field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) accepted; duplicate: {Duplicate}")]
    private static partial void LogAccepted(ILogger logger, string eventId, string eventType, bool duplicate);
}
