using System.Text.Json;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

/// <summary>Fintoc's objects turned into the module's snapshots. Full account and card numbers stop here.</summary>
internal static class FintocSnapshots
{
    public static CheckoutSnapshot ToSnapshot(this FintocCheckoutSession session) => new(
        session.Id,
        session.Flow,
        session.Status,
        session.RedirectUrl,
        session.ExpiresAt,
        session.PaymentMethodTypes ?? [],
        session.PaymentMethod,
        session.Customer?.Id,
        session.Metadata?.GetValueOrDefault(PaymentMethodStreams.SetupSessionMetadataKey));

    public static PaymentMethodSnapshot ToSnapshot(this FintocPaymentMethod method)
    {
        var card = method.Card is { ValueKind: JsonValueKind.Object } c ? c : (JsonElement?)null;
        return new PaymentMethodSnapshot(
            method.Id,
            method.Type,
            method.EffectiveStatus,
            method.Customer,
            method.Pac?.Institution?.Id,
            method.Pac?.Institution?.Name,
            method.Pac?.Institution?.Country,
            method.Pac?.AccountType,
            PaymentMethodDetails.LastFour(method.Pac?.AccountNumber),
            card is { } brandCard ? StringProperty(brandCard, "brand") : null,
            card is { } last4Card ? PaymentMethodDetails.LastFour(StringProperty(last4Card, "last4")) : null);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
