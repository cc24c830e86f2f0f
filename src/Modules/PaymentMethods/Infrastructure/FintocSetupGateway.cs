using System.Net;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.PaymentMethods.Application;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

/// <summary>
/// <see cref="ISetupGateway"/> over the Fintoc client. Fintoc refusing a request (a 4xx about its content) becomes a
/// 422 carrying Fintoc's code; our own credentials or Fintoc being unreachable are not the caller's fault and
/// propagate as server errors.
/// </summary>
internal sealed class FintocSetupGateway(IFintocClient fintoc) : ISetupGateway
{
    public async Task<CheckoutSnapshot> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new CreateCheckoutSessionRequest(
            Flow: "setup",
            Currency: request.Currency,
            SuccessUrl: request.SuccessUrl,
            CancelUrl: request.CancelUrl,
            Customer: request.FintocCustomerId,
            PaymentMethodTypes: request.PaymentMethodTypes.Count == 0 ? null : request.PaymentMethodTypes,
            Metadata: request.Metadata);
        var session = await CallAsync(() => fintoc.CheckoutSessions.CreateAsync(body, IdempotencyKeyFor(request.SetupSessionId), cancellationToken));
        return session.ToSnapshot();
    }

    public async Task<CheckoutSnapshot> GetCheckoutAsync(string fintocCheckoutSessionId, CancellationToken cancellationToken) =>
        (await CallAsync(() => fintoc.CheckoutSessions.GetAsync(fintocCheckoutSessionId, cancellationToken))).ToSnapshot();

    public async Task<PaymentMethodSnapshot> GetPaymentMethodAsync(string fintocPaymentMethodId, CancellationToken cancellationToken) =>
        (await CallAsync(() => fintoc.PaymentMethods.GetAsync(fintocPaymentMethodId, cancellationToken))).ToSnapshot();

    /// <summary>Derived from our session id, so every retry of one session's creation is the same call to Fintoc.</summary>
    public static string IdempotencyKeyFor(Guid setupSessionId) => "setup_session-" + setupSessionId.ToString("N");

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (FintocApiException refused) when (IsAboutTheRequest(refused.StatusCode))
        {
            throw new DomainRuleViolation(
                "fintoc_" + (refused.Code ?? refused.Type ?? "request_refused"),
                $"Fintoc refused the request ({(int)refused.StatusCode}): {refused.Error.Message}");
        }
    }

    private static bool IsAboutTheRequest(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);
}
