namespace ModularPayments.Modules.Mandates.Application;

/// <summary>The Fintoc v1 subscription intent a PAC mandate is authorized through; Fintoc types stay in Infrastructure.</summary>
public sealed record SubscriptionIntentCreated(string SubscriptionIntentId, string? WidgetToken);

public interface ISubscriptionGateway
{
    /// <summary>Creates (or, with the same key, finds again) the subscription intent; Fintoc's refusals surface as 502.</summary>
    Task<SubscriptionIntentCreated> CreateIntentAsync(Guid mandateId, string? referenceId, string idempotencyKey, CancellationToken cancellationToken);
}
