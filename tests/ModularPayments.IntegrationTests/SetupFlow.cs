using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests;

/// <summary>Seed 000's setup flow driven over HTTP only: our API, the simulator's test helpers, our read models.</summary>
public sealed class SetupFlow(HttpClient anonymous, HttpClient merchant)
{
    public static readonly object PacSuccess = new { pac = new { username = "11.111.111-1", password = "jonsnow", account_number = "422159212" } };
    public static readonly object PacFailure = new { pac = new { username = "11.111.111-1", password = "jonsnow", account_number = "5233137377" } };
    public static readonly object CardSuccess = new { card = new { number = "4111111111111111", expiry = "12/30", cvv = "123", holder_name = "Jon Snow" } };
    public static readonly object Card3ds = new { card = new { number = "4456524869770255", expiry = "12/30", cvv = "123", holder_name = "Jon Snow", three_ds_code = "1234" } };
    public static readonly object CardFailure = new { card = new { number = "4574441215190335", expiry = "12/30", cvv = "123", holder_name = "Jon Snow" } };

    /// <summary>Register, open a PAC setup session, enroll account 422159212, move the clock until the bank confirms.</summary>
    public async Task<JsonNode> PacEndToEndAsync()
    {
        await WaitForWebhookEndpointAsync();
        var customerId = await RegisterCustomerAsync(TestRuts.Next(), "pac@example.com");
        var session = await CreateSessionAsync(customerId, "pac");
        var completed = await CompleteAsync(session, PacSuccess);
        Assert.Equal("succeeded", completed["outcome"]!.GetValue<string>());
        await SessionEventuallyAsync(session["id"]!.GetValue<string>(), "finished");
        await MethodEventuallyAsync(customerId, "pending");
        await AdvanceClockAsync(TimeSpan.FromDays(4));
        var active = await MethodEventuallyAsync(customerId, "active");
        Assert.Equal(session["id"]!.GetValue<string>(), active["setup_session_id"]!.GetValue<string>());
        Assert.Equal(customerId, active["customer_id"]!.GetValue<string>());
        return active;
    }

    public async Task WaitForWebhookEndpointAsync()
    {
        string? state = null;
        try
        {
            await Eventually.GetAsync(
                async () => (state = (await anonymous.GetNodeAsync("/health"))!["payments_provider"]!["webhook_endpoint"]?.GetValue<string>()) == "registered" ? "ok" : null,
                TimeSpan.FromSeconds(30),
                "our webhook endpoint registered on the simulator");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} Its state stayed '{state}'.", timeout);
        }
    }

    public async Task<string> RegisterCustomerAsync(string rut, string email)
    {
        using var response = await merchant.PostJsonAsync("/v1/customers", new { name = "Felipe Castro", email, tax_id = new { type = "cl_rut", value = rut } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response))["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> CreateSessionAsync(string customerId, string type, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/setup_sessions")
        {
            Content = JsonContent.Create(new
            {
                customer_id = customerId,
                currency = "CLP",
                success_url = "https://merchant.example/success",
                cancel_url = "https://merchant.example/cancel",
                payment_method_types = new[] { type },
                metadata = new Dictionary<string, string> { ["order"] = "42" },
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await merchant.SendAsync(request);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"setup session: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonNode> CompleteAsync(JsonNode session, object credentials)
    {
        var fintocId = session["fintoc_checkout_session_id"]!.GetValue<string>();
        using var response = await anonymous.PostAsJsonAsync($"/simulator/test-helpers/checkout_sessions/{fintocId}/complete", credentials);
        var body = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"complete: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var response = await anonymous.PostAsJsonAsync("/simulator/test-helpers/clock/advance", new { seconds = (long)by.TotalSeconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<JsonNode> MethodEventuallyAsync(string customerId, string status) =>
        Eventually.GetAsync(
            async () =>
            {
                var list = (await merchant.GetNodeAsync($"/v1/payment_methods?customer_id={customerId}&status={status}"))!["data"]!.AsArray();
                return list.Count == 1 ? list[0] : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"a {status} payment method of {customerId}");

    public Task<JsonNode> SessionEventuallyAsync(string sessionId, string status) =>
        Eventually.GetAsync(
            async () =>
            {
                var session = await merchant.GetNodeAsync($"/v1/setup_sessions/{sessionId}");
                return session!["status"]!.GetValue<string>() == status ? session : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"setup session {sessionId} {status}");

    public async Task<JsonArray> MethodsAsync(string customerId) =>
        (await merchant.GetNodeAsync($"/v1/payment_methods?customer_id={customerId}"))!["data"]!.AsArray();

    /// <summary>Waits until every webhook the simulator sent has been processed (or ignored) by our inbox reactor.</summary>
    public Task SettledAsync() =>
        Eventually.GetAsync(
            async () =>
            {
                var health = await anonymous.GetNodeAsync("/health");
                var reactors = health!["reactors"]!.AsArray();
                var pending = (await merchant.GetNodeAsync("/admin/webhooks?status=received"))!["data"]!.AsArray().Count;
                return pending == 0 && reactors.All(r => r!["lag"]!.GetValue<long>() == 0) ? "settled" : null;
            },
            TimeSpan.FromSeconds(30),
            what: "every webhook processed");
}
