using System.Globalization;
using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v1 charges on an active subscription: created pending, processed at 16:00 Chile on business days.</summary>
internal sealed class ChargesResource(SimulatorState state, Lifecycle lifecycle, Ledger ledger)
{
    public ApiAnswer Create(ApiCall call)
    {
        var body = call.Body;
        var amount = body.RequiredPositiveInteger("amount");
        var currency = body.RequiredString("currency").ToUpperInvariant();
        if (currency != "CLP")
        {
            throw new FintocApiError(400, "invalid_request_error", "invalid_currency", "Direct-debit charges are CLP only.", "currency");
        }

        var subscriptionId = body.RequiredString("subscription_id");
        var subscription = state.Subscriptions.GetValueOrDefault(subscriptionId) ?? throw FintocApiError.Invalid("subscription_id", $"No such subscription: {subscriptionId}.");
        if (subscription.Status != "active")
        {
            throw FintocApiError.Unprocessable("subscription_not_active", $"The subscription is {subscription.Status}; only active subscriptions can be charged.", "subscription_id");
        }

        var (processAt, settleAt) = lifecycle.ChargeSchedule(call.Now);
        var charge = new SimCharge
        {
            Id = Ids.New("ch_"),
            Amount = amount,
            Currency = currency,
            SubscriptionId = subscriptionId,
            Metadata = body.Metadata(),
            CreatedAt = call.Now,
            ProcessAt = processAt,
            SettleAt = settleAt,
            IdempotencyKey = call.IdempotencyKey,
        };
        state.Charges[charge.Id] = state.Track(charge.Id, charge);
        ledger.Record(charge);
        lifecycle.ChargeCreated(charge);
        return ApiAnswer.Created(Representations.Charge(charge));
    }

    public ApiAnswer Get(ApiCall call) =>
        ApiAnswer.Ok(Representations.Charge(state.Charges.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("charge", call.Route("id"))));

    public ApiAnswer List(ApiCall call)
    {
        var subscriptionId = call.Query("subscription_id");
        var status = call.Query("status");
        var since = Date(call, "since");
        var until = Date(call, "until");
        var charges = state.Charges.Values
            .Where(charge => subscriptionId is null || charge.SubscriptionId == subscriptionId)
            .Where(charge => status is null || charge.Status == status)
            .Where(charge => since is null || charge.CreatedAt >= since)
            .Where(charge => until is null || charge.CreatedAt <= until)
            .OrderByDescending(charge => state.OrderOf(charge.Id))
            .ToList();
        return Pagination.Pages(call, charges, charge => Representations.Charge(charge), [("subscription_id", subscriptionId), ("status", status), ("since", call.Query("since")), ("until", call.Query("until"))]);
    }

    private static DateTimeOffset? Date(ApiCall call, string name) =>
        call.Query(name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : throw new FintocApiError(400, "invalid_request_error", "invalid_date", $"{name} must be an ISO 8601 date.", name);
}
