using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocWebhookEndpoint(
    string Id,
    string? Object,
    string Url,
    IReadOnlyList<string>? EnabledEvents,
    string? Description,
    string? Status,
    string? Secret,
    string? Mode,
    DateTimeOffset? CreatedAt);

public sealed record CreateWebhookEndpointRequest(string Url, IReadOnlyList<string> EnabledEvents, string? Description = null);

/// <summary>v1 webhook endpoints: create (the signing secret comes only in this answer), list, delete.</summary>
public sealed class WebhookEndpointsClient
{
    private readonly IWebhookEndpointsApi _api;
    private readonly Uri _baseAddress;

    internal WebhookEndpointsClient(IWebhookEndpointsApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocWebhookEndpoint> CreateAsync(CreateWebhookEndpointRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public IAsyncEnumerable<FintocWebhookEndpoint> ListAsync(CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocWebhookEndpoint>(_api.ListAsync, _api.NextPageAsync, _baseAddress, cancellationToken);

    public Task<FintocWebhookEndpoint> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _api.DeleteAsync(FintocIds.Require(id), cancellationToken);
}
