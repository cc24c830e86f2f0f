using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModularPayments.Fintoc.Webhooks;

/// <summary>
/// Verifies <c>Fintoc-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c>: HMAC-SHA256 of <c>t + "." + raw body</c> with the endpoint
/// secret, compared in constant time, the timestamp within the tolerance in both directions (as Fintoc's Node SDK does),
/// several secrets at once so a secret can be rotated without refusing deliveries. Parsing the event is a separate step.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    public const string HeaderName = "Fintoc-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly byte[][] _secrets;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public WebhookSignatureVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Where(secret => !string.IsNullOrEmpty(secret)).Select(Encoding.UTF8.GetBytes)];
        _tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(_tolerance, TimeSpan.Zero);
        _time = time ?? TimeProvider.System;
    }

    public WebhookVerificationResult Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        if (_secrets.Length == 0)
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.NoSecretsConfigured, "No webhook secret is configured.");
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.MissingHeader, $"The {HeaderName} header is missing.");
        }

        if (!TryParse(signatureHeader, out var timestampText, out var signatures, out var problem))
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.MalformedHeader, problem);
        }

        if (timestampText is null)
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.MissingTimestamp, $"The {HeaderName} header has no t= timestamp.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            || unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.MalformedHeader, "The t= timestamp is not a number of Unix seconds.");
        }

        if (signatures.Count == 0)
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.MissingSignature, $"The {HeaderName} header has no v1= signature.");
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        // Whole seconds, as Fintoc's SDKs compare them (age = floor(now) - t): a delivery they accept is accepted here.
        var age = _time.GetUtcNow().ToUnixTimeSeconds() - unixSeconds;
        var tolerance = (long)_tolerance.TotalSeconds;
        if (age > tolerance)
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.TimestampTooOld, $"The signature is {age} s old; the tolerance is {tolerance} s.", signedAt);
        }

        if (-age > tolerance)
        {
            return WebhookVerificationResult.Invalid(WebhookVerificationFailure.TimestampInFuture, $"The signature is dated {-age} s in the future; the tolerance is {tolerance} s.", signedAt);
        }

        var message = SignedMessage(timestampText, rawBody);
        foreach (var secret in _secrets)
        {
            var expected = HMACSHA256.HashData(secret, message);
            foreach (var signature in signatures)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, signature))
                {
                    return WebhookVerificationResult.Valid(signedAt);
                }
            }
        }

        return WebhookVerificationResult.Invalid(WebhookVerificationFailure.SignatureMismatch, "No v1 signature matches the body with any configured secret.", signedAt);
    }

    internal static byte[] SignedMessage(string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }

    private static bool TryParse(string header, out string? timestamp, out List<byte[]> signatures, out string problem)
    {
        timestamp = null;
        signatures = [];
        problem = "";
        foreach (var rawPart in header.Split(','))
        {
            var part = rawPart.Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"The {HeaderName} header must be a list of key=value pairs (t=...,v1=...).";
                return false;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1")
            {
                if (value.Length != 64 || !IsLowerOrUpperHex(value))
                {
                    problem = "A v1 signature must be 64 hexadecimal characters.";
                    return false;
                }

                signatures.Add(Convert.FromHexString(value));
            }
        }

        return true;
    }

    private static bool IsLowerOrUpperHex(string value) => value.All(char.IsAsciiHexDigit);
}
