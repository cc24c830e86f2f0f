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
public sealed class CustomersClient(FintocHttp http)
{
    private const string Path = "v2/customers";

    public Task<FintocCustomer> CreateAsync(CreateCustomerRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        http.PostAsync<FintocCustomer>(Path, request, idempotencyKey, cancellationToken);

    public Task<FintocCustomer> GetAsync(string id, CancellationToken cancellationToken = default) =>
        http.GetAsync<FintocCustomer>($"{Path}/{QueryString.Id(id)}", cancellationToken);

    public IAsyncEnumerable<FintocCustomer> ListAsync(ListCustomersRequest? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new ListCustomersRequest();
        return http.ListAsync<FintocCustomer>(
            QueryString.Build(Path, ("tax_id", filter.TaxId), ("tax_id_type", filter.TaxIdType), ("email", filter.Email), ("limit", filter.Limit), ("starting_after", filter.StartingAfter)),
            cancellationToken);
    }
}
