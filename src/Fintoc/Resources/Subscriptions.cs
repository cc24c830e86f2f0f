using System.Text.Json;
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
public sealed class SubscriptionsClient(FintocHttp http)
{
    private const string Path = "v1/subscriptions";

    public Task<FintocSubscription> GetAsync(string id, CancellationToken cancellationToken = default) =>
        http.GetAsync<FintocSubscription>($"{Path}/{QueryString.Id(id)}", cancellationToken);

    public IAsyncEnumerable<FintocSubscription> ListAsync(string? status = null, CancellationToken cancellationToken = default) =>
        http.ListAsync<FintocSubscription>(QueryString.Build(Path, ("status", status)), cancellationToken);
}
