using System.Globalization;
using System.Text.Json;

namespace ModularPayments.Fintoc.Webhooks;

/// <summary>A Fintoc event: <c>{id, type, mode, created_at, data}</c>; <c>id</c>, <c>type</c> and <c>data</c> are required. Unknown types are fine: callers ignore them.</summary>
/// <remarks><c>mode</c> and <c>created_at</c> are optional: the seed documents' own examples omit them.</remarks>
public sealed record FintocEvent(string Id, string Type, string? Mode, DateTimeOffset? CreatedAt, JsonElement Data);

/// <summary>Reads the envelope of a verified webhook body; verification is <see cref="WebhookSignatureVerifier"/>'s job.</summary>
public static class FintocEventEnvelope
{
    public static FintocEvent Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            throw new FintocEventParseException("body", $"The webhook body is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FintocEventParseException("body", "The webhook body must be a JSON object.");
            }

            var createdAt = OptionalString(root, "created_at") is { } createdAtText
                ? DateTimeOffset.TryParse(createdAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : throw new FintocEventParseException("created_at", "created_at is not an ISO 8601 date.")
                : (DateTimeOffset?)null;

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new FintocEventParseException("data", "data must be an object.");
            }

            return new FintocEvent(RequiredString(root, "id"), RequiredString(root, "type"), OptionalString(root, "mode"), createdAt, data.Clone());
        }
    }

    public static FintocEvent Parse(string body) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body))));

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FintocEventParseException(name, $"{name} is missing or not a non-empty string.");
}

public sealed class FintocEventParseException : Exception
{
    public FintocEventParseException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public FintocEventParseException()
    {
        Field = "body";
    }

    public FintocEventParseException(string message)
        : base(message)
    {
        Field = "body";
    }

    public FintocEventParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "body";
    }

    public string Field { get; }
}
