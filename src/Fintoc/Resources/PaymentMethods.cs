using System.Text.Json;
using System.Text.Json.Serialization;
using ModularPayments.Fintoc.Endpoints;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Resources;

public sealed record FintocInstitution(string? Id, string? Country, string? Name);

public sealed record FintocPacDetails(string? AccountHolderId, string? AccountNumber, string? AccountType, FintocInstitution? Institution, string? Status);

public sealed record FintocPaymentMethod(
    string Id,
    string? Object,
    string? Type,
    string? Status,
    [property: JsonConverter(typeof(IdOrObjectConverter))] string? Customer,
    FintocPacDetails? Pac,
    JsonElement? Card,
    string? Mode,
    DateTimeOffset? CreatedAt,
    IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>The method's status: top-level when Fintoc sends it, else the one inside its type's details.</summary>
    public string? EffectiveStatus => Status ?? Pac?.Status ?? CardStatus;

    private string? CardStatus =>
        Card is { ValueKind: JsonValueKind.Object } card && card.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString()
            : null;
}

/// <summary>v2 payment methods: get, list (methods are created by setup checkout sessions).</summary>
public sealed class PaymentMethodsClient
{
    private readonly IPaymentMethodsApi _api;
    private readonly Uri _baseAddress;

    internal PaymentMethodsClient(IPaymentMethodsApi api, Uri baseAddress)
    {
        _api = api;
        _baseAddress = baseAddress;
    }

    public Task<FintocPaymentMethod> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _api.GetAsync(FintocIds.Require(id), cancellationToken);

    public IAsyncEnumerable<FintocPaymentMethod> ListAsync(string? customer = null, int? limit = null, CancellationToken cancellationToken = default) =>
        FintocPages.ReadAllAsync<FintocPaymentMethod>(token => _api.ListAsync(customer, limit, token), _api.NextPageAsync, _baseAddress, cancellationToken);
}
