using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModularPayments.BuildingBlocks.EventSourcing;

/// <summary>One JSON spelling for stored events and the HTTP API: snake_case, strict numbers, enums as strings.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }

    public static JsonSerializerOptions Events { get; } = MakeReadOnly(Create());

    private static JsonSerializerOptions MakeReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
