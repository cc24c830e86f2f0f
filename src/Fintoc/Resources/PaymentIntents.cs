using System.Text.Json.Serialization;
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
public sealed class PaymentIntentsClient(FintocHttp http)
{
    private const string Path = "v2/payment_intents";

    public Task<FintocPaymentIntent> CreateAsync(CreatePaymentIntentRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        http.PostAsync<FintocPaymentIntent>(Path, request, idempotencyKey, cancellationToken);

    public Task<FintocPaymentIntent> GetAsync(string id, CancellationToken cancellationToken = default) =>
        http.GetAsync<FintocPaymentIntent>($"{Path}/{QueryString.Id(id)}", cancellationToken);

    public IAsyncEnumerable<FintocPaymentIntent> ListAsync(string? status = null, int? limit = null, CancellationToken cancellationToken = default) =>
        http.ListAsync<FintocPaymentIntent>(QueryString.Build(Path, ("status", status), ("limit", limit)), cancellationToken);
}
