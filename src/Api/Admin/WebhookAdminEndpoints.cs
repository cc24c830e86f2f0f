using System.Globalization;
using System.Text.Json;
using ModularPayments.Api.Errors;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Api.Admin;

public sealed record WebhookResponse(
    string EventId,
    string Object,
    string Type,
    string? Mode,
    string Status,
    string? Outcome,
    string? Note,
    int FailedAttempts,
    string? LastError,
    DateTimeOffset? CreatedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookResponse From(WebhookSummary s) =>
        new(s.EventId, "webhook", s.Type, s.Mode, s.Status, s.Outcome, s.Note, s.FailedAttempts, s.LastError, s.CreatedAt, s.ReceivedAt, s.UpdatedAt);
}

public sealed record WebhookListResponse(string Object, IReadOnlyList<WebhookResponse> Data);

public sealed record WebhookDetailsResponse(WebhookResponse Webhook, IReadOnlyList<WebhookHistoryEntry> History, JsonElement Payload);

public sealed record ReprocessAccepted(string EventId, string Status);

/// <summary>The webhook inbox for operators: what arrived, what became of it, and a way to try a parked one again.</summary>
public static class WebhookAdminEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder admin)
    {
        var webhooks = admin.MapGroup("/webhooks").WithTags("Operations");

        webhooks.MapGet("/", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("Received webhooks, newest first; status = received | processed | ignored | parked.")
            .Produces<WebhookListResponse>()
            .ProducesValidationProblem();

        webhooks.MapGet("/{eventId}", GetAsync)
            .WithName("GetWebhook")
            .Produces<WebhookDetailsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{eventId}/reprocess", ReprocessAsync)
            .WithName("ReprocessWebhook")
            .Produces<ReprocessAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task ListAsync(HttpContext context, WebhookReadModel readModel, string? status, string? type, string? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !WebhookReadModel.Statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", WebhookReadModel.Statuses.Order(StringComparer.Ordinal))}."];
        }

        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            await ProblemResponses.WriteAsync(context, 400, "validation_failed", "Invalid query", string.Join(" ", errors.Values.SelectMany(e => e)), errors);
            return;
        }

        var rows = await readModel.ListAsync(status, type, pageSize, context.RequestAborted);
        await Results.Ok(new WebhookListResponse("list", [.. rows.Select(WebhookResponse.From)])).ExecuteAsync(context);
    }

    private static async Task GetAsync(HttpContext context, string eventId, WebhookReadModel readModel)
    {
        var details = WebhookInbox.IsValidEventId(eventId) ? await readModel.FindAsync(eventId, context.RequestAborted) : null;
        if (details is null)
        {
            await ProblemResponses.WriteAsync(context, 404, "not_found", "Not found", $"No webhook with event id '{eventId}'.");
            return;
        }

        using var payload = JsonDocument.Parse(details.Payload);
        await Results.Ok(new WebhookDetailsResponse(WebhookResponse.From(details.Summary), details.History, payload.RootElement.Clone())).ExecuteAsync(context);
    }

    private static async Task ReprocessAsync(HttpContext context, string eventId, WebhookInbox inbox)
    {
        if (!await inbox.RequestReprocessAsync(eventId, context.TraceIdentifier, context.RequestAborted))
        {
            await ProblemResponses.WriteAsync(context, 404, "not_found", "Not found", $"No webhook with event id '{eventId}'.");
            return;
        }

        await Results.Accepted($"/admin/webhooks/{eventId}", new ReprocessAccepted(eventId, WebhookInboxState.Received)).ExecuteAsync(context);
    }
}
