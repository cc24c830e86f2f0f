using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>What a simulated endpoint sees of a request.</summary>
internal sealed record ApiCall(HttpContext Http, RequestBody Body, DateTimeOffset Now, string? IdempotencyKey)
{
    public string Route(string name) => Http.Request.RouteValues[name]?.ToString() ?? "";

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    /// <summary>The absolute URL of this request without its query (Link headers and hosted-page links are built on it).</summary>
    public string AbsolutePath => $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}{Http.Request.Path}";

    public string BaseUrl(SimulatorOptions options) =>
        string.IsNullOrEmpty(options.PublicBaseUrl) ? $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}" : options.PublicBaseUrl.TrimEnd('/');
}

/// <summary>A simulated answer: status, JSON body, and a Link header for list pages.</summary>
internal sealed record ApiAnswer(int Status, JsonNode Body, string? Link = null)
{
    public static ApiAnswer Ok(JsonNode body) => new(200, body);

    public static ApiAnswer Created(JsonNode body) => new(201, body);
}
