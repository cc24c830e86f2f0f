using System.Text.Json.Serialization;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocPaymentIntent(
    string Id,
    string? Object,
    long Amount,
    string Currency,
    string? Status,
    string? ErrorReason,
    [property: JsonConverter(typeof(IdOrObjectConverter))] string? Customer,
    [property: JsonConverter(typeof(IdOrObjectConverter))] string? PaymentMethod,
    string? Mode,
    DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, string>? Metadata);

public sealed record CreatePaymentIntentRequest(
    long Amount,
    string Currency,
    string Customer,
    string PaymentMethod,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>v2 payment intents on saved payment methods: create, get, list.</summary>
public sealed class PaymentIntentsClient
{
    private readonly IPaymentIntentsApi _api;
    private readonly Uri _baseAddress;

    internal PaymentIntentsClient(IPaymentIntentsApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocPaymentIntent> CreateAsync(CreatePaymentIntentRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public Task<FintocPaymentIntent> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public IAsyncEnumerable<FintocPaymentIntent> ListAsync(string? status = null, int? limit = null, CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocPaymentIntent>(token => _api.ListAsync(status, limit, token), _api.NextPageAsync, _baseAddress, cancellationToken);
}
