using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v2 payment intents on a saved, active payment method: create, get, list; final asynchronously.</summary>
internal sealed class PaymentIntentsResource(SimulatorState state, Lifecycle lifecycle, Ledger ledger)
{
    public ApiAnswer Create(ApiCall call)
    {
        var body = call.Body;
        var amount = body.RequiredPositiveInteger("amount");
        var currency = body.RequiredEnum("currency", "CLP", "MXN");
        var customerId = body.RequiredString("customer");
        var methodId = body.RequiredString("payment_method");
        foreach (var v1Only in new[] { "recipient_account", "widget_token", "payment_type" })
        {
            if (body.Has(v1Only))
            {
                throw FintocApiError.Invalid(v1Only, $"{v1Only} is a v1 parameter; v2 payment intents charge a saved payment_method.");
            }
        }

        if (!state.Customers.ContainsKey(customerId))
        {
            throw FintocApiError.Invalid("customer", $"No such customer: {customerId}.");
        }

        var method = state.PaymentMethods.GetValueOrDefault(methodId) ?? throw FintocApiError.Invalid("payment_method", $"No such payment_method: {methodId}.");
        if (method.CustomerId != customerId)
        {
            throw FintocApiError.Invalid("payment_method", "The payment_method does not belong to this customer.");
        }

        if (method.Status != "active")
        {
            throw FintocApiError.Unprocessable("payment_method_not_active", $"The payment_method is {method.Status}; only active methods can be charged.", "payment_method");
        }

        var intent = new SimPaymentIntent
        {
            Id = Ids.New("pi_"),
            Amount = amount,
            Currency = currency,
            CustomerId = customerId,
            PaymentMethodId = methodId,
            Metadata = body.Metadata(),
            CreatedAt = call.Now,
            IdempotencyKey = call.IdempotencyKey,
        };
        state.PaymentIntents[intent.Id] = state.Track(intent.Id, intent);
        ledger.Record(intent);
        lifecycle.PaymentIntentCreated(intent);
        return ApiAnswer.Created(Representations.PaymentIntent(intent));
    }

    public ApiAnswer Get(ApiCall call) =>
        ApiAnswer.Ok(Representations.PaymentIntent(state.PaymentIntents.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("payment_intent", call.Route("id"))));

    public ApiAnswer List(ApiCall call)
    {
        var status = call.Query("status");
        var intents = state.PaymentIntents.Values
            .Where(intent => status is null || intent.Status == status)
            .OrderByDescending(intent => state.OrderOf(intent.Id))
            .ToList();
        return Pagination.Cursor(call, intents, intent => intent.Id, intent => Representations.PaymentIntent(intent), [("status", status)]);
    }
}
