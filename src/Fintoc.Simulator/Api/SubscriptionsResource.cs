using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v1 (legacy direct debit): subscription intents (create, get) and subscriptions (get, list).</summary>
internal sealed class SubscriptionsResource(SimulatorState state)
{
    public ApiAnswer CreateIntent(ApiCall call)
    {
        var body = call.Body;
        var referenceId = body.OptionalString("reference_id");
        if (referenceId is { Length: > 15 })
        {
            throw FintocApiError.Invalid("reference_id", "reference_id must be 1 to 15 characters.");
        }

        var email = body.OptionalString("customer_email");
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            throw FintocApiError.Invalid("customer_email", "customer_email is not a valid e-mail address.");
        }

        var businessProfile = body.OptionalObject("business_profile")?.Json.DeepClone().AsObject();
        var id = Ids.New("si_");
        var intent = new SimSubscriptionIntent
        {
            Id = id,
            WidgetToken = $"{id}_sec_{Ids.Random(24)}",
            ReferenceId = referenceId,
            CustomerEmail = email?.ToLowerInvariant(),
            BusinessProfile = businessProfile,
            Metadata = body.Metadata(),
            CreatedAt = call.Now,
        };
        state.SubscriptionIntents[id] = state.Track(id, intent);
        return ApiAnswer.Created(Representations.SubscriptionIntent(intent, null, includeWidgetToken: true));
    }

    public ApiAnswer GetIntent(ApiCall call)
    {
        var intent = state.SubscriptionIntents.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("subscription_intent", call.Route("id"));
        return ApiAnswer.Ok(Representations.SubscriptionIntent(intent, intent.SubscriptionId is null ? null : state.Subscriptions.GetValueOrDefault(intent.SubscriptionId), includeWidgetToken: false));
    }

    public ApiAnswer Get(ApiCall call) =>
        ApiAnswer.Ok(Representations.Subscription(state.Subscriptions.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("subscription", call.Route("id"))));

    public ApiAnswer List(ApiCall call)
    {
        var status = call.Query("status");
        var subscriptions = state.Subscriptions.Values
            .Where(subscription => status is null || subscription.Status == status)
            .OrderByDescending(subscription => state.OrderOf(subscription.Id))
            .ToList();
        return Pagination.Pages(call, subscriptions, subscription => Representations.Subscription(subscription), [("status", status)]);
    }
}
