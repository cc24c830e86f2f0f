using ModularPayments.Fintoc.Endpoints;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocBusinessProfile(string? Name, string? TaxId, string? Category);

public sealed record FintocSubscriptionIntent(
    string Id,
    string? Object,
    string? Status,
    string? WidgetToken,
    FintocSubscription? Subscription,
    string? ReferenceId,
    string? PublicError,
    string? Mode,
    DateTimeOffset? CreatedAt);

public sealed record CreateSubscriptionIntentRequest(
    string? CustomerEmail = null,
    string? ReferenceId = null,
    FintocBusinessProfile? BusinessProfile = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>v1 subscription intents (legacy direct debit): create, get. The widget token is only in the create answer.</summary>
public sealed class SubscriptionIntentsClient
{
    private readonly ISubscriptionIntentsApi _api;

    internal SubscriptionIntentsClient(ISubscriptionIntentsApi api) => _api = api;

    public Task<FintocSubscriptionIntent> CreateAsync(CreateSubscriptionIntentRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public Task<FintocSubscriptionIntent> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);
}
