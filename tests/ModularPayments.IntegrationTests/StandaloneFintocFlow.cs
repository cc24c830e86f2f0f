using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests;

/// <summary>Steps shared by the tests that run service processes against a standalone simulator process.</summary>
public static class StandaloneFintocFlow
{
    public static HttpClient Merchant(Uri baseAddress, string merchantKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", merchantKey);
        return client;
    }

    /// <summary>Every entry of the simulator's ledger (payment intents and charges, with their idempotency keys).</summary>
    public static async Task<IReadOnlyList<JsonNode>> LedgerAsync(HttpClient fintoc)
    {
        var ledger = (await fintoc.GetFromJsonAsync<JsonNode>("/simulator/test-helpers/ledger"))!;
        return [.. (ledger is JsonArray array ? array : ledger["data"]!.AsArray()).Select(e => e!)];
    }

    /// <summary>A new customer with a card saved through the setup flow and active: (customer id, method id).</summary>
    public static async Task<(string CustomerId, string MethodId)> ActiveCardAsync(HttpClient merchant, HttpClient fintoc, string email)
    {
        var customer = await Json.ReadAsync(await merchant.PostJsonAsync("/v1/customers", new { email }));
        var customerId = customer["id"]!.GetValue<string>();
        using var created = await merchant.PostJsonAsync("/v1/setup_sessions", new
        {
            customer_id = customerId,
            currency = "CLP",
            success_url = "https://merchant.example/ok",
            cancel_url = "https://merchant.example/ko",
            payment_method_types = new[] { "card" },
        });
        var session = await Json.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, session.ToJsonString());
        using var completed = await fintoc.PostAsJsonAsync(
            $"/simulator/test-helpers/checkout_sessions/{session["fintoc_checkout_session_id"]!.GetValue<string>()}/complete",
            new { card = new { number = "4111111111111111", expiry = "12/30", cvv = "123", holder_name = "Jon Snow" } });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var method = await Eventually.GetAsync(
            async () => (await merchant.GetNodeAsync($"/v1/payment_methods?customer_id={customerId}&status=active"))!["data"]!.AsArray() is { Count: 1 } list ? list[0] : null,
            TimeSpan.FromSeconds(30),
            "the card active");
        return (customerId, method!["id"]!.GetValue<string>());
    }
}
