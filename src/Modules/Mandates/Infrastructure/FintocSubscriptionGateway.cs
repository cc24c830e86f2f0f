using System.Net;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.Mandates.Application;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>
/// <see cref="ISubscriptionGateway"/> over Fintoc's v1 subscription intents. Our mandate id travels as
/// <c>mp_mandate_id</c> metadata; Fintoc refusing the request becomes a 422 with Fintoc's code.
/// </summary>
internal sealed class FintocSubscriptionGateway(IFintocClient fintoc) : ISubscriptionGateway
{
    public async Task<SubscriptionIntentCreated> CreateIntentAsync(Guid mandateId, string? referenceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new CreateSubscriptionIntentRequest(
            ReferenceId: referenceId,
            Metadata: new Dictionary<string, string> { [MandateStreams.MandateMetadataKey] = PublicIdKind.Mandate.Format(mandateId) });
        try
        {
            var intent = await fintoc.SubscriptionIntents.CreateAsync(request, idempotencyKey, cancellationToken);
            return new SubscriptionIntentCreated(intent.Id, intent.WidgetToken);
        }
        catch (FintocApiException refused) when ((int)refused.StatusCode is >= 400 and < 500
            && refused.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
        {
            throw new DomainRuleViolation(
                "fintoc_" + (refused.Code ?? refused.Type ?? "request_refused"),
                $"Fintoc refused the subscription intent ({(int)refused.StatusCode}): {refused.Error.Message}");
        }
    }
}
