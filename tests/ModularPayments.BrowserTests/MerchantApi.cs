using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.BrowserTests;

/// <summary>The merchant's side of the browser tests: calls to our API with the development key.</summary>
public static class MerchantApi
{
    private const string DevelopmentKey = "mp_dev_local_simulator_only";

    public static HttpClient For(ApiServer service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var api = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKey);
        return api;
    }

    public static async Task<JsonNode> PostAsync(HttpClient api, string path, object body)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.PostAsJsonAsync(path, body);
        var node = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {node?.ToJsonString()}");
        return node!;
    }

    /// <summary>The service registered its webhook endpoint on the simulator: webhooks will reach it.</summary>
    public static Task WaitForWebhookEndpointAsync(HttpClient api) =>
        EventuallyAsync(async () =>
            (await api.GetFromJsonAsync<JsonNode>("/health"))!["payments_provider"]!["webhook_endpoint"]?.GetValue<string>() == "registered" ? "ok" : null);

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }
}
