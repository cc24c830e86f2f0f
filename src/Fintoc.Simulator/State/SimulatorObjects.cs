using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.State;

internal sealed record TaxId(string Type, string Value);

internal sealed class SimCustomer
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public TaxId? TaxId { get; init; }
    public string? Phone { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class SimCheckoutSession
{
    public required string Id { get; init; }
    public required string Flow { get; init; }
    public required string Currency { get; init; }
    public long? Amount { get; init; }
    public required string CustomerId { get; init; }
    public required string SuccessUrl { get; init; }
    public required string CancelUrl { get; init; }
    public required List<string> PaymentMethodTypes { get; init; }
    public required string RedirectUrl { get; init; }
    public required string SessionToken { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string Status { get; set; } = "created";
    public string? PaymentMethodId { get; set; }
}

internal sealed record PacAccount(string HolderId, string Number, string Type, string InstitutionId, string InstitutionName);

internal sealed record CardDetails(string Brand, string Last4, int ExpiryMonth, int ExpiryYear, string? HolderName);

internal sealed class SimPaymentMethod
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string CustomerId { get; init; }
    public PacAccount? Pac { get; init; }
    public CardDetails? Card { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "pending";
}

internal sealed class SimPaymentIntent
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string CustomerId { get; init; }
    public required string PaymentMethodId { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? IdempotencyKey { get; init; }
    public string Status { get; set; } = "created";
    public string? ErrorReason { get; set; }
}

internal sealed class SimSubscriptionIntent
{
    public required string Id { get; init; }
    public required string WidgetToken { get; init; }
    public string? ReferenceId { get; init; }
    public string? CustomerEmail { get; init; }
    public JsonObject? BusinessProfile { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "created";
    public string? SubscriptionId { get; set; }
    public string? PublicError { get; set; }
}

internal sealed class SimSubscription
{
    public required string Id { get; init; }
    public string? ReferenceId { get; init; }
    public required PacAccount Account { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "pending";
}

internal sealed class SimCharge
{
    public required string Id { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public required string SubscriptionId { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ProcessAt { get; init; }
    public required DateTimeOffset SettleAt { get; init; }
    public string? IdempotencyKey { get; init; }
    public string Status { get; set; } = "pending";
    public string? FailureCode { get; set; }
}

internal sealed class SimWebhookEndpoint
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required List<string> EnabledEvents { get; init; }
    public string? Description { get; init; }
    public required string Secret { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool FromConfiguration { get; init; }
    public string Status { get; set; } = "enabled";

    public bool Wants(string eventType) => EnabledEvents.Contains("*") || EnabledEvents.Contains(eventType);
}
