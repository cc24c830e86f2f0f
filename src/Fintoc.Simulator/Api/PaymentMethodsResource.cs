using ModularPayments.Fintoc.Simulator.State;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>v2 payment methods: get, list (they are created by setup checkout sessions).</summary>
internal sealed class PaymentMethodsResource(SimulatorState state)
{
    public ApiAnswer Get(ApiCall call) =>
        ApiAnswer.Ok(Representations.PaymentMethod(state.PaymentMethods.GetValueOrDefault(call.Route("id")) ?? throw FintocApiError.NotFound("payment_method", call.Route("id"))));

    public ApiAnswer List(ApiCall call)
    {
        var customer = call.Query("customer");
        var methods = state.PaymentMethods.Values
            .Where(method => customer is null || method.CustomerId == customer)
            .OrderByDescending(method => state.OrderOf(method.Id))
            .ToList();
        return Pagination.Cursor(call, methods, method => method.Id, method => Representations.PaymentMethod(method), [("customer", customer)]);
    }
}
