using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>Charges driven over HTTP only: our API, the simulator's test helpers, our read models.</summary>
public sealed class ChargeFlow(HttpClient anonymous, HttpClient merchant)
{
    public SetupFlow Setup { get; } = new(anonymous, merchant);

    /// <summary>A customer with an active method of <paramref name="type"/> (pac or card): (customer id, method).</summary>
    public async Task<(string CustomerId, JsonNode Method)> ActiveMethodAsync(string type)
    {
        if (type == "pac")
        {
            var pac = await Setup.PacEndToEndAsync();
            return (pac["customer_id"]!.GetValue<string>(), pac);
        }

        await Setup.WaitForWebhookEndpointAsync();
        var customerId = await Setup.RegisterCustomerAsync(TestRuts.Next(), "card@example.com");
        var session = await Setup.CreateSessionAsync(customerId, "card");
        await Setup.CompleteAsync(session, SetupFlow.CardSuccess);
        return (customerId, await Setup.MethodEventuallyAsync(customerId, "active"));
    }

    public static object Body(string customerId, string methodId, long amount, string currency = "CLP", Dictionary<string, string>? metadata = null) => new
    {
        customer_id = customerId,
        payment_method_id = methodId,
        amount,
        currency,
        description = "Order 42",
        metadata = metadata ?? new Dictionary<string, string> { ["order"] = "42" },
    };

    public async Task<HttpResponseMessage> PostAsync(object body, string? idempotencyKey = null) =>
        await PostRawAsync(Json.Body(body), idempotencyKey);

    public async Task<HttpResponseMessage> PostRawAsync(HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/charges") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await merchant.SendAsync(request);
    }

    public async Task<JsonNode> ChargeAsync(string customerId, string methodId, long amount, string? idempotencyKey = null)
    {
        using var response = await PostAsync(Body(customerId, methodId, amount), idempotencyKey);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"charge: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    /// <summary>Waits until the submitter recorded Fintoc's payment intent for the charge.</summary>
    public Task<JsonNode> SubmittedEventuallyAsync(string chargeId) =>
        Eventually.GetAsync(
            async () =>
            {
                var charge = await merchant.GetNodeAsync($"/v1/charges/{chargeId}");
                return charge!["submitted_at"] is not null ? charge : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"charge {chargeId} submitted to Fintoc");

    public Task<JsonNode> StatusEventuallyAsync(string chargeId, string status) =>
        Eventually.GetAsync(
            async () =>
            {
                var charge = await merchant.GetNodeAsync($"/v1/charges/{chargeId}");
                return charge!["status"]!.GetValue<string>() == status ? charge : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"charge {chargeId} {status}");

    /// <summary>The simulator's ledger: every payment intent and v1 charge it ever created.</summary>
    public async Task<JsonArray> LedgerAsync()
    {
        var ledger = await anonymous.GetNodeAsync("/simulator/test-helpers/ledger");
        return ledger as JsonArray ?? ledger!["data"]!.AsArray();
    }

    public async Task SetChaosAsync(object settings)
    {
        using var response = await anonymous.PutAsJsonAsync("/simulator/test-helpers/chaos", settings);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
