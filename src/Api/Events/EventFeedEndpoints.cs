using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModularPayments.Api.Errors;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Integration;

namespace ModularPayments.Api.Events;

public sealed record FeedEventResponse(string Id, string Object, string Type, DateTimeOffset CreatedAt, JsonNode Data);

public sealed record FeedResponse(string Object, IReadOnlyList<FeedEventResponse> Data, string NextCursor, bool HasMore);

/// <summary>
/// <c>GET /v1/events?after=&amp;types=&amp;limit=</c>: every module's integration events in global order. Pass the
/// answer's <c>next_cursor</c> as <c>after</c> to resume without gaps or repeats; <c>types</c> is a comma-separated list.
/// </summary>
public static class EventFeedEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder v1) =>
        v1.MapGet("/events", ReadAsync)
            .WithTags("Events")
            .WithName("ListEvents")
            .WithSummary("Integration events of every module in global order, resumable from a cursor.")
            .Produces<FeedResponse>()
            .ProducesValidationProblem();

    private static readonly (string Suffix, PublicIdKind Kind)[] IdFields =
    [
        ("customer_id", PublicIdKind.Customer),
        ("setup_session_id", PublicIdKind.SetupSession),
        ("payment_method_id", PublicIdKind.PaymentMethod),
        ("charge_id", PublicIdKind.Charge),
        ("mandate_id", PublicIdKind.Mandate),
    ];

    /// <summary>Modules exchange bare UUIDs; merchants know our ids by their public form (<c>mp_cus_…</c>).</summary>
    private static JsonNode WithPublicIds(JsonNode data)
    {
        if (data is JsonObject fields)
        {
            foreach (var (name, value) in fields.ToList())
            {
                var kind = IdFields.FirstOrDefault(f => name == f.Suffix || name.EndsWith("_" + f.Suffix, StringComparison.Ordinal)).Kind;
                if (kind is not null && value is JsonValue text && text.TryGetValue<string>(out var raw) && Guid.TryParse(raw, out var id))
                {
                    fields[name] = kind.Format(id);
                }
            }
        }

        return data;
    }

    private static async Task ReadAsync(HttpContext context, IntegrationEventFeed feed, string? after, string? types, string? limit)
    {
        var errors = new Dictionary<string, string[]>();
        long cursor = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) || cursor < 0))
        {
            errors["after"] = ["after is a cursor from an earlier answer's next_cursor."];
        }

        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        HashSet<string>? typeFilter = null;
        if (types is not null)
        {
            typeFilter = [.. types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (typeFilter.Count == 0 || typeFilter.Any(t => t.Length > 100))
            {
                errors["types"] = ["types is a comma-separated list of event types, e.g. customers.customer_registered."];
            }
        }

        if (errors.Count > 0)
        {
            await ProblemResponses.WriteAsync(context, 400, "validation_failed", "Invalid query", string.Join(" ", errors.Values.SelectMany(e => e)), errors);
            return;
        }

        var page = await feed.ReadAsync(cursor, typeFilter, pageSize, context.RequestAborted);
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var data = page.Entries.Select(e => new FeedEventResponse(e.Id, "event", e.Type, e.CreatedAt, WithPublicIds(JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), json)!))).ToList();
        await Results.Ok(new FeedResponse("list", data, page.NextCursor.ToString(CultureInfo.InvariantCulture), page.HasMore)).ExecuteAsync(context);
    }
}
