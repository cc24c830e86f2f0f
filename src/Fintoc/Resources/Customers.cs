using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocTaxId(string Type, string Value);

public sealed record FintocCustomer(
    string Id,
    string? Object,
    string? Name,
    string? Email,
    FintocTaxId? TaxId,
    string? Phone,
    string? Mode,
    DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, string>? Metadata);

public sealed record CreateCustomerRequest(
    string? Name,
    string? Email,
    FintocTaxId? TaxId,
    string? Phone = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record ListCustomersRequest(string? TaxId = null, string? TaxIdType = null, string? Email = null, int? Limit = null, string? StartingAfter = null);

/// <summary>v2 customers: create, get, list.</summary>
public sealed class CustomersClient
{
    private readonly ICustomersApi _api;
    private readonly Uri _baseAddress;

    internal CustomersClient(ICustomersApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocCustomer> CreateAsync(CreateCustomerRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public Task<FintocCustomer> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public IAsyncEnumerable<FintocCustomer> ListAsync(ListCustomersRequest? filter = null, CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocCustomer>(token => _api.ListAsync(filter ?? new ListCustomersRequest(), token), _api.NextPageAsync, _baseAddress, cancellationToken);
}
