using System.Net;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>
/// <see cref="IChargeGateway"/> over the Fintoc client: v2 payment intents for saved methods, v1 charges for PAC
/// subscriptions. A 4xx about the request is a refusal with Fintoc's code; credentials, rate limits, conflicts and
/// outages are not the charge's fault and propagate to be retried.
/// </summary>
internal sealed class FintocChargeGateway(IFintocClient fintoc) : IChargeGateway
{
    public async Task<FintocChargeSnapshot> SubmitAsync(ChargeSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var key = IdempotencyKeyFor(submission.ChargeId);
        try
        {
            if (submission.Kind == ChargeKinds.SubscriptionCharge)
            {
                var request = new CreateChargeRequest(submission.Amount, submission.Currency, submission.SubscriptionId!, submission.Metadata);
                return (await fintoc.Charges.CreateAsync(request, key, cancellationToken)).ToSnapshot();
            }

            var intent = new CreatePaymentIntentRequest(submission.Amount, submission.Currency, submission.FintocCustomerId!, submission.FintocPaymentMethodId!, submission.Metadata);
            return (await fintoc.PaymentIntents.CreateAsync(intent, key, cancellationToken)).ToSnapshot();
        }
        catch (FintocApiException refused) when (IsAboutTheRequest(refused.StatusCode))
        {
            // Fintoc's code only: its message may quote parameters.
            var code = refused.Code ?? refused.Type ?? "request_refused";
            throw new ChargeRefusedException(code, $"Fintoc refused the charge ({(int)refused.StatusCode} {code}).");
        }
    }

    public async Task<FintocChargeSnapshot> GetAsync(string kind, string fintocId, CancellationToken cancellationToken) =>
        kind == ChargeKinds.SubscriptionCharge
            ? (await fintoc.Charges.GetAsync(fintocId, cancellationToken)).ToSnapshot()
            : (await fintoc.PaymentIntents.GetAsync(fintocId, cancellationToken)).ToSnapshot();

    /// <summary>Derived from our charge id, so every retry of one charge's submission is the same call to Fintoc.</summary>
    public static string IdempotencyKeyFor(Guid chargeId) => "mp-charge-" + chargeId.ToString("N");

    private static bool IsAboutTheRequest(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests
            or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict);
}

internal static class FintocChargeSnapshots
{
    public static FintocChargeSnapshot ToSnapshot(this FintocPaymentIntent intent) => new(
        intent.Id,
        intent.Status,
        SentAmount(intent.Amount),
        SentText(intent.Currency),
        intent.Customer,
        intent.PaymentMethod,
        null,
        intent.ErrorReason,
        intent.Metadata?.GetValueOrDefault(ChargeStreams.ChargeMetadataKey));

    public static FintocChargeSnapshot ToSnapshot(this FintocCharge charge) => new(
        charge.Id,
        charge.Status,
        SentAmount(charge.Amount),
        SentText(charge.Currency),
        null,
        null,
        charge.SubscriptionId,
        charge.FailureCode,
        charge.Metadata?.GetValueOrDefault(ChargeStreams.ChargeMetadataKey));

    // Fintoc amounts are always > 0: a zero is a field the payload left out, not a difference to flag.
    private static long? SentAmount(long amount) => amount > 0 ? amount : null;

    private static string? SentText(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
