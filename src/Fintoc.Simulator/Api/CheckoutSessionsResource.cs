using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v2 checkout sessions: create (setup and payment flows), get, list, expire.</summary>
internal sealed class CheckoutSessionsResource(SimulatorState state, CustomersResource customers, Lifecycle lifecycle, SimulatorOptions options, SimulatorMount mount)
{
    private static readonly string[] MethodTypes = ["pac", "card"];

    public ApiAnswer Create(ApiCall call)
    {
        var body = call.Body;
        var flow = body.RequiredEnum("flow", "setup", "payment", "subscription");
        if (flow == "subscription")
        {
            throw FintocApiError.Unprocessable("not_supported_product", "The simulator supports the setup and payment flows.", "flow");
        }

        var currency = body.RequiredEnum("currency", "CLP", "MXN");
        var successUrl = AbsoluteUrl(body, "success_url");
        var cancelUrl = AbsoluteUrl(body, "cancel_url");
        long? amount = flow == "payment" ? body.RequiredPositiveInteger("amount") : null;
        var types = body.OptionalStringList("payment_method_types") ?? [.. MethodTypes];
        if (types.FirstOrDefault(type => !MethodTypes.Contains(type)) is { } unsupported)
        {
            throw new FintocApiError(400, "invalid_request_error", "invalid_enum", $"payment_method_types: {unsupported} is not supported here (pac, card).", "payment_method_types");
        }

        var customerId = body.OptionalString("customer");
        var customerData = body.OptionalObject("customer_data");
        if (customerId is not null && customerData is not null)
        {
            throw FintocApiError.Invalid("customer", "Send either customer or customer_data, not both.");
        }

        if (customerId is null && customerData is null)
        {
            throw FintocApiError.Missing("customer");
        }

        var customer = customerId is not null
            ? state.Customers.GetValueOrDefault(customerId) ?? throw FintocApiError.Invalid("customer", $"No such customer: {customerId}.")
            : customers.CreateFrom(customerData!, "customer_data", call.Now);

        var id = Ids.New("cs_test_");
        var session = new SimCheckoutSession
        {
            Id = id,
            Flow = flow,
            Currency = currency,
            Amount = amount,
            CustomerId = customer.Id,
            SuccessUrl = successUrl,
            CancelUrl = cancelUrl,
            PaymentMethodTypes = types,
            RedirectUrl = $"{call.BaseUrl(options)}{mount.Prefix}/checkout/{id}",
            SessionToken = $"{id}_sec_{Ids.Random(24)}",
            Metadata = body.Metadata(),
            CreatedAt = call.Now,
            ExpiresAt = call.Now + options.CheckoutSessionLifetime,
        };
        state.CheckoutSessions[id] = state.Track(id, session);
        lifecycle.CheckoutSessionCreated(session);
        return ApiAnswer.Created(Representations.CheckoutSession(session, customer));
    }

    public ApiAnswer Get(ApiCall call)
    {
        var session = Find(call.Route("id"));
        return ApiAnswer.Ok(Representations.CheckoutSession(session, state.Customers.GetValueOrDefault(session.CustomerId)));
    }

    public ApiAnswer List(ApiCall call)
    {
        var sessions = state.CheckoutSessions.Values.OrderByDescending(session => state.OrderOf(session.Id)).ToList();
        return Pagination.Cursor(call, sessions, session => session.Id, session => Representations.CheckoutSession(session, state.Customers.GetValueOrDefault(session.CustomerId)), []);
    }

    public ApiAnswer Expire(ApiCall call)
    {
        var session = Find(call.Route("id"));
        if (session.Status != "created")
        {
            throw FintocApiError.Unprocessable("invalid_status", $"Only a session in status created can be expired; this one is {session.Status}.", "id");
        }

        lifecycle.Expire(session, call.Now);
        return ApiAnswer.Ok(Representations.CheckoutSession(session, state.Customers.GetValueOrDefault(session.CustomerId)));
    }

    private SimCheckoutSession Find(string id) => state.CheckoutSessions.GetValueOrDefault(id) ?? throw FintocApiError.NotFound("checkout_session", id);

    private static string AbsoluteUrl(RequestBody body, string name)
    {
        var value = body.RequiredString(name);
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw FintocApiError.Invalid(name, $"{name} must be an absolute http(s) URL.");
    }
}
