using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>An answer in Fintoc's error shape: <c>{"error": {type, code, message, param, doc_url}}</c>.</summary>
internal sealed class FintocApiError(int status, string type, string code, string message, string? param = null) : Exception(message)
{
    public int Status => status;

    public string Type => type;

    public string Code => code;

    public string? Param => param;

    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["type"] = type,
            ["code"] = code,
            ["message"] = Message,
            ["param"] = param,
            ["doc_url"] = $"https://docs.fintoc.com/reference/errors#{code}",
        },
    };

    public static FintocApiError Missing(string param) => new(400, "invalid_request_error", "missing_parameter", $"Missing required parameter: {param}.", param);

    public static FintocApiError Invalid(string param, string message) => new(400, "invalid_request_error", "invalid_params", message, param);

    public static FintocApiError NotFound(string what, string id) => new(404, "invalid_request_error", "missing_resource", $"No such {what}: {id}.", "id");

    public static FintocApiError Unprocessable(string code, string message, string? param = null) => new(422, "invalid_request_error", code, message, param);

    public static FintocApiError Conflict(string code, string message, string? param = null) => new(409, "invalid_request_error", code, message, param);
}
