using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModularPayments.Fintoc.Webhooks;

/// <summary>Signs a payload as Fintoc does, for tests of webhook endpoints (like stripe-dotnet's test helper).</summary>
public static class FintocWebhookSigner
{
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), WebhookSignatureVerifier.SignedMessage(t, body));
        return $"t={t},v1={Convert.ToHexStringLower(signature)}";
    }

    public static string Sign(string body, string secret, DateTimeOffset timestamp) =>
        Sign(Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body))), secret, timestamp);
}
