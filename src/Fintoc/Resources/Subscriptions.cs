using System.Text.Json;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocSubscription(
    string Id,
    string? Object,
    string? Status,
    string? ReferenceId,
    JsonElement? Account,
    string? Mode,
    DateTimeOffset? CreatedAt);

/// <summary>v1 subscriptions (legacy direct debit): get, list. Only <c>active</c> ones can be charged.</summary>
public sealed class SubscriptionsClient
{
    private readonly ISubscriptionsApi _api;
    private readonly Uri _baseAddress;

    internal SubscriptionsClient(ISubscriptionsApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocSubscription> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public IAsyncEnumerable<FintocSubscription> ListAsync(string? status = null, CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocSubscription>(token => _api.ListAsync(status, token), _api.NextPageAsync, _baseAddress, cancellationToken);
}
