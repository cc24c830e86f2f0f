using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>Typed reads of a JSON request body, each failure naming the parameter (nested with dots).</summary>
internal sealed class RequestBody(JsonObject json, string prefix = "")
{
    public static RequestBody Empty { get; } = new([]);

    public JsonObject Json => json;

    public static RequestBody Parse(byte[] raw)
    {
        if (raw.Length == 0)
        {
            return new RequestBody([]);
        }

        try
        {
            // Duplicate property names are refused here, not later: a JsonObject only notices them on first access
            // (an ArgumentException, which would be a 500).
            var options = new JsonDocumentOptions { AllowDuplicateProperties = false };
            var parsed = JsonNode.Parse(raw, documentOptions: options);
            EnsureTextIsReadable(parsed);
            return parsed is JsonObject json
                ? new RequestBody(json)
                : throw new FintocApiError(400, "invalid_request_error", "invalid_json", "The request body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new FintocApiError(400, "invalid_request_error", "invalid_json", $"The request body is not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException)
        {
            // Strings are decoded lazily: invalid UTF-8 or a lone surrogate escape would otherwise fail on first read (a 500).
            throw new FintocApiError(400, "invalid_request_error", "invalid_json", "The request body is not valid JSON: a string is not valid UTF-8 text.");
        }
    }

    private static void EnsureTextIsReadable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (_, value) in json)
                {
                    EnsureTextIsReadable(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    EnsureTextIsReadable(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    public bool Has(string name) => json.TryGetPropertyValue(name, out var value) && value is not null;

    public string Name(string name) => prefix + name;

    public string RequiredString(string name) => OptionalString(name) ?? throw FintocApiError.Missing(Name(name));

    public string? OptionalString(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return string.IsNullOrWhiteSpace(text) ? throw FintocApiError.Invalid(Name(name), $"{Name(name)} must not be empty.") : text;
        }

        throw FintocApiError.Invalid(Name(name), $"{Name(name)} must be a string.");
    }

    public long RequiredPositiveInteger(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            throw FintocApiError.Missing(Name(name));
        }

        if (node is JsonValue value && node.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
        {
            return number > 0 ? number : throw new FintocApiError(400, "invalid_request_error", "invalid_amount", $"{Name(name)} must be a positive integer.", Name(name));
        }

        throw new FintocApiError(400, "invalid_request_error", "invalid_amount", $"{Name(name)} must be an integer in the smallest currency unit.", Name(name));
    }

    public RequestBody? OptionalObject(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        return node is JsonObject nested ? new RequestBody(nested, Name(name) + ".") : throw FintocApiError.Invalid(Name(name), $"{Name(name)} must be an object.");
    }

    public JsonObject Metadata(string name = "metadata")
    {
        var nested = OptionalObject(name);
        if (nested is null)
        {
            return [];
        }

        foreach (var (key, value) in nested.Json)
        {
            if (value is not JsonValue scalar || scalar.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array)
            {
                throw FintocApiError.Invalid($"{Name(name)}.{key}", "metadata values must be strings, numbers or booleans.");
            }
        }

        return (JsonObject)nested.Json.DeepClone();
    }

    public List<string>? OptionalStringList(string name)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            throw FintocApiError.Invalid(Name(name), $"{Name(name)} must be a non-empty array of strings.");
        }

        return [.. array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw FintocApiError.Invalid(Name(name), $"{Name(name)} must be a non-empty array of strings."))];
    }

    public string RequiredEnum(string name, params string[] allowed)
    {
        var value = RequiredString(name);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new FintocApiError(400, "invalid_request_error", "invalid_enum", $"{Name(name)} must be one of {string.Join(", ", allowed)}.", Name(name));
    }
}
