using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.Enrollment;
using ModularPayments.Fintoc.Simulator.Time;
using ModularPayments.Fintoc.Simulator.Webhooks;

namespace ModularPayments.Fintoc.Simulator.TestHelpers;

/// <summary>
/// The simulator's test helpers: a public interface merchants' own test suites script against, so these routes and
/// shapes stay stable. They need no API key.
/// </summary>
internal static class TestHelperEndpoints
{
    public static void Map(IEndpointRouteBuilder helpers)
    {
        helpers.MapPost("/checkout_sessions/{id}/complete", (HttpContext http, SimulatorApi api, EnrollmentService enrollment) =>
            api.HandleAsync(http, call => Complete(call, enrollment), authenticate: false));
        helpers.MapPost("/checkout_sessions/{id}/cancel", (HttpContext http, SimulatorApi api, EnrollmentService enrollment) =>
            api.HandleAsync(http, call => ApiAnswer.Ok(new JsonObject { ["checkout_session"] = enrollment.CancelCheckout(call.Route("id")).CheckoutSession }), authenticate: false));
        helpers.MapPost("/subscription_intents/{id}/authorize", (HttpContext http, SimulatorApi api, EnrollmentService enrollment) =>
            api.HandleAsync(http, call => Authorize(call, enrollment), authenticate: false));
        helpers.MapGet("/ledger", (HttpContext http, SimulatorApi api, Ledger ledger) =>
            api.HandleAsync(http, _ => ApiAnswer.Ok(ledger.ToJson()), authenticate: false));

        helpers.MapGet("/clock", (HttpContext http, Scheduler scheduler) => WriteAsync(http, 200, Clock(scheduler)));
        helpers.MapPost("/clock/advance", AdvanceAsync);
        helpers.MapPost("/events/trigger", TriggerAsync);
        helpers.MapGet("/deliveries", (HttpContext http, WebhookDispatcher webhooks) => WriteAsync(http, 200, Deliveries(http, webhooks)));
        helpers.MapGet("/chaos", (HttpContext http, Chaos chaos) => WriteAsync(http, 200, JsonSerializer.SerializeToNode(chaos.Settings, SimulatorJson.Options)!));
        helpers.MapPut("/chaos", SetChaosAsync);
    }

    private static ApiAnswer Complete(ApiCall call, EnrollmentService enrollment)
    {
        var pac = call.Body.OptionalObject("pac");
        var card = call.Body.OptionalObject("card");
        if ((pac is null) == (card is null))
        {
            throw FintocApiError.Invalid("pac", "Send exactly one of pac or card.");
        }

        var result = enrollment.CompleteCheckout(call.Route("id"), pac is null ? null : Pac(pac), card is null ? null : Card(card));
        return ApiAnswer.Ok(new JsonObject
        {
            ["outcome"] = result.Succeeded ? "succeeded" : "failed",
            ["error_reason"] = result.ErrorReason,
            ["checkout_session"] = result.CheckoutSession,
            ["payment_method"] = result.PaymentMethod,
        });
    }

    private static ApiAnswer Authorize(ApiCall call, EnrollmentService enrollment)
    {
        var pac = call.Body.OptionalObject("pac") ?? throw FintocApiError.Missing("pac");
        var result = enrollment.AuthorizeSubscription(call.Route("id"), Pac(pac));
        return ApiAnswer.Ok(new JsonObject
        {
            ["outcome"] = result.Succeeded ? "succeeded" : "failed",
            ["error_reason"] = result.ErrorReason,
            ["subscription_intent"] = result.SubscriptionIntent,
            ["subscription"] = result.Subscription,
        });
    }

    private static PacCredentials Pac(RequestBody pac) =>
        new(pac.RequiredString("username"), pac.RequiredString("password"), pac.RequiredString("account_number"), pac.OptionalString("mfa_code"));

    private static CardCredentials Card(RequestBody card) =>
        new(card.RequiredString("number"), card.RequiredString("expiry"), card.RequiredString("cvv"), card.OptionalString("holder_name"), card.OptionalString("three_ds_code"));

    private static JsonObject Clock(Scheduler scheduler)
    {
        var now = scheduler.Clock.GetUtcNow();
        return new JsonObject
        {
            ["now"] = SimulatorJson.Timestamp(now),
            ["offset_seconds"] = (long)scheduler.Clock.Offset.TotalSeconds,
            ["time_zone"] = "America/Santiago",
            ["local_now"] = ChileBusinessCalendar.LocalDateTime(now).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["pending_work"] = scheduler.Pending,
        };
    }

    private static async Task AdvanceAsync(HttpContext http, Scheduler scheduler)
    {
        TimeSpan by;
        try
        {
            var body = await ReadAsync(http).ConfigureAwait(false);
            var hasSeconds = body.Has("seconds");
            var hasUntil = body.Has("until");
            if (hasSeconds == hasUntil)
            {
                throw FintocApiError.Invalid("seconds", "Send exactly one of seconds (a positive number) or until (an ISO 8601 instant in the future).");
            }

            if (hasSeconds)
            {
                by = body.Json["seconds"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var seconds) && seconds > 0 && seconds <= 10 * 365 * 86_400
                    ? TimeSpan.FromSeconds(seconds)
                    : throw FintocApiError.Invalid("seconds", "seconds must be a positive number (at most ten years).");
            }
            else
            {
                var until = DateTimeOffset.TryParse(body.RequiredString("until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw FintocApiError.Invalid("until", "until must be an ISO 8601 instant.");
                by = until - scheduler.Clock.GetUtcNow();
                if (by <= TimeSpan.Zero)
                {
                    throw FintocApiError.Invalid("until", "The clock only moves forward: until must be in the future.");
                }
            }
        }
        catch (FintocApiError error)
        {
            await WriteAsync(http, error.Status, error.ToJson()).ConfigureAwait(false);
            return;
        }

        await scheduler.AdvanceAsync(by, http.RequestAborted).ConfigureAwait(false);
        await WriteAsync(http, 200, Clock(scheduler)).ConfigureAwait(false);
    }

    private static async Task TriggerAsync(HttpContext http, Scheduler scheduler, WebhookDispatcher webhooks)
    {
        SimulatorEvent @event;
        try
        {
            var body = await ReadAsync(http).ConfigureAwait(false);
            var type = body.RequiredString("type");
            var data = SampleEvents.For(type, scheduler.Clock.GetUtcNow());
            if (body.OptionalObject("overrides") is { } overrides)
            {
                SampleEvents.DeepMerge(data, overrides.Json);
            }

            @event = webhooks.Publish(type, data, scheduler.Clock.GetUtcNow());
        }
        catch (FintocApiError error)
        {
            await WriteAsync(http, error.Status, error.ToJson()).ConfigureAwait(false);
            return;
        }

        await scheduler.RunDueAsync(http.RequestAborted).ConfigureAwait(false);
        await WriteAsync(http, 201, JsonNode.Parse(@event.Body)!).ConfigureAwait(false);
    }

    private static JsonArray Deliveries(HttpContext http, WebhookDispatcher webhooks)
    {
        var eventId = http.Request.Query["event_id"].ToString();
        var type = http.Request.Query["type"].ToString();
        return new JsonArray([.. webhooks.Deliveries
            .Where(delivery => eventId.Length == 0 || delivery.Event.Id == eventId)
            .Where(delivery => type.Length == 0 || delivery.Event.Type == type)
            .Select(delivery => (JsonNode)new JsonObject
            {
                ["event_id"] = delivery.Event.Id,
                ["type"] = delivery.Event.Type,
                ["endpoint_id"] = delivery.EndpointId,
                ["url"] = delivery.Url,
                ["status"] = delivery.Status,
                ["event"] = JsonNode.Parse(delivery.Event.Body),
                ["attempts"] = new JsonArray([.. delivery.Snapshot().Select(attempt => (JsonNode)new JsonObject
                {
                    ["number"] = attempt.Number,
                    ["at"] = SimulatorJson.Timestamp(attempt.At),
                    ["status_code"] = attempt.StatusCode,
                    ["error"] = attempt.Error,
                    ["signature"] = attempt.Signature,
                    ["duplicate"] = attempt.Duplicate,
                })]),
            })]);
    }

    private static async Task SetChaosAsync(HttpContext http, Chaos chaos)
    {
        try
        {
            var body = await ReadAsync(http).ConfigureAwait(false);
            var known = new[] { "duplicate_deliveries", "reorder_deliveries", "delivery_delay_seconds", "drop_first_attempt", "timeout_after_commit" };
            if (body.Json.Select(pair => pair.Key).FirstOrDefault(key => !known.Contains(key)) is { } unknown)
            {
                throw FintocApiError.Invalid(unknown, $"Unknown chaos setting {unknown}; known: {string.Join(", ", known)}.");
            }

            chaos.Set(new ChaosSettings(
                Flag(body, "duplicate_deliveries"),
                Flag(body, "reorder_deliveries"),
                Count(body, "delivery_delay_seconds", 86_400),
                Flag(body, "drop_first_attempt"),
                Count(body, "timeout_after_commit", 1000)));
        }
        catch (FintocApiError error)
        {
            await WriteAsync(http, error.Status, error.ToJson()).ConfigureAwait(false);
            return;
        }

        await WriteAsync(http, 200, JsonSerializer.SerializeToNode(chaos.Settings, SimulatorJson.Options)!).ConfigureAwait(false);
    }

    private static bool Flag(RequestBody body, string name) =>
        !body.Has(name) ? false
        : body.Json[name]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? body.Json[name]!.GetValue<bool>()
        : throw FintocApiError.Invalid(name, $"{name} must be true or false.");

    private static int Count(RequestBody body, string name, int max) =>
        !body.Has(name) ? 0
        : body.Json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var count) && count >= 0 && count <= max ? count
        : throw FintocApiError.Invalid(name, $"{name} must be an integer from 0 to {max}.");

    private static async Task<RequestBody> ReadAsync(HttpContext http) =>
        RequestBody.Parse(await SimulatorApi.ReadBodyAsync(http.Request).ConfigureAwait(false));

    private static Task WriteAsync(HttpContext http, int status, JsonNode body) => SimulatorApi.WriteAsync(http, new ApiAnswer(status, body));
}
