using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocCharge(
    string Id,
    string? Object,
    long Amount,
    string Currency,
    string? Status,
    string? FailureCode,
    string? SubscriptionId,
    string? Mode,
    DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, string>? Metadata);

public sealed record CreateChargeRequest(
    long Amount,
    string Currency,
    string SubscriptionId,
    IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record ListChargesRequest(string? SubscriptionId = null, string? Status = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, int? PerPage = null);

/// <summary>v1 charges on an active subscription: create, get, list. They start <c>pending</c>.</summary>
public sealed class ChargesClient(FintocHttp http)
{
    private const string Path = "v1/charges";

    public Task<FintocCharge> CreateAsync(CreateChargeRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        http.PostAsync<FintocCharge>(Path, request, idempotencyKey, cancellationToken);

    public Task<FintocCharge> GetAsync(string id, CancellationToken cancellationToken = default) =>
        http.GetAsync<FintocCharge>($"{Path}/{QueryString.Id(id)}", cancellationToken);

    public IAsyncEnumerable<FintocCharge> ListAsync(ListChargesRequest? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new ListChargesRequest();
        return http.ListAsync<FintocCharge>(
            QueryString.Build(Path, ("subscription_id", filter.SubscriptionId), ("status", filter.Status), ("since", filter.Since), ("until", filter.Until), ("per_page", filter.PerPage)),
            cancellationToken);
    }
}
