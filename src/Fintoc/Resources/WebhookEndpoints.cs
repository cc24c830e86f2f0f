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
public sealed class WebhookEndpointsClient(FintocHttp http)
{
    private const string Path = "v1/webhook_endpoints";

    public Task<FintocWebhookEndpoint> CreateAsync(CreateWebhookEndpointRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        http.PostAsync<FintocWebhookEndpoint>(Path, request, idempotencyKey, cancellationToken);

    public IAsyncEnumerable<FintocWebhookEndpoint> ListAsync(CancellationToken cancellationToken = default) =>
        http.ListAsync<FintocWebhookEndpoint>(Path, cancellationToken);

    public Task<FintocWebhookEndpoint> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        http.DeleteAsync<FintocWebhookEndpoint>($"{Path}/{QueryString.Id(id)}", cancellationToken);
}
