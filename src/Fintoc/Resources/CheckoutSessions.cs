using System.Text.Json.Serialization;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocCheckoutSession(
    string Id,
    string? Object,
    string? Flow,
    string? Status,
    string? Currency,
    long? Amount,
    FintocCustomer? Customer,
    [property: JsonConverter(typeof(IdOrObjectConverter))] string? PaymentMethod,
    IReadOnlyList<string>? PaymentMethodTypes,
    string? SuccessUrl,
    string? CancelUrl,
    string? RedirectUrl,
    string? SessionToken,
    string? Mode,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, string>? Metadata);

public sealed record CheckoutCustomerData(string? Name, string? Email, FintocTaxId? TaxId, IReadOnlyDictionary<string, string>? Metadata = null);

public sealed record CreateCheckoutSessionRequest(
    string Flow,
    string Currency,
    string SuccessUrl,
    string CancelUrl,
    string? Customer = null,
    CheckoutCustomerData? CustomerData = null,
    IReadOnlyList<string>? PaymentMethodTypes = null,
    long? Amount = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>v2 checkout sessions: create, get, expire.</summary>
public sealed class CheckoutSessionsClient
{
    private readonly ICheckoutSessionsApi _api;

    internal CheckoutSessionsClient(ICheckoutSessionsApi api) => _api = api;

    public Task<FintocCheckoutSession> CreateAsync(CreateCheckoutSessionRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.CreateAsync(request, idempotencyKey, cancellationToken);

    public Task<FintocCheckoutSession> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public Task<FintocCheckoutSession> ExpireAsync(string id, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _api.ExpireAsync(FintocIds.Require(id), idempotencyKey, cancellationToken);
}
