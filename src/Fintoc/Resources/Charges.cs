using ModularPayments.Fintoc.Endpoints;
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
public sealed class ChargesClient
{
    private readonly IChargesApi _api;
    private readonly Uri _baseAddress;

    internal ChargesClient(IChargesApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocCharge> CreateAsync(CreateChargeRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public Task<FintocCharge> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public IAsyncEnumerable<FintocCharge> ListAsync(ListChargesRequest? filter = null, CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocCharge>(token => _api.ListAsync(filter ?? new ListChargesRequest(), token), _api.NextPageAsync, _baseAddress, cancellationToken);
}
