using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularPayments.IntegrationTests.Charges;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary>Mandates driven over HTTP only: our API, the simulator's test helpers and its ledger.</summary>
public sealed class MandateFlow(HttpClient anonymous, HttpClient merchant)
{
    public static readonly object PacAuthorization = new { pac = new { username = "41614850-3", password = "jonsnow", account_number = "813990168", mfa_code = "000000" } };
    public static readonly object PacFailingAuthorization = new { pac = new { username = "41614850-3", password = "jonsnow", account_number = "5233137377", mfa_code = "000000" } };

    public ChargeFlow Charges { get; } = new(anonymous, merchant);

    public SetupFlow Setup => Charges.Setup;

    public static object MethodMandate(string customerId, string methodId, long amount, object schedule, object? retryPolicy = null) => new
    {
        customer_id = customerId,
        instrument = new { type = "payment_method", payment_method_id = methodId },
        amount,
        currency = "CLP",
        schedule,
        retry_policy = retryPolicy ?? new { max_attempts = 3, retry_after_business_days = 2 },
    };

    public static object PacMandate(string customerId, long amount, object schedule) => new
    {
        customer_id = customerId,
        instrument = new { type = "pac_subscription" },
        amount,
        currency = "CLP",
        schedule,
        reference_id = "gym42",
    };

    public async Task<JsonNode> CreateAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/mandates") { Content = Json.Body(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await merchant.SendAsync(request);
        var created = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"mandate: {(int)response.StatusCode} {created.ToJsonString()}");
        return created;
    }

    public async Task<JsonNode> GetAsync(string mandateId) => (await merchant.GetNodeAsync($"/v1/mandates/{mandateId}"))!;

    public async Task<JsonArray> ChargesAsync(string mandateId) => (await merchant.GetNodeAsync($"/v1/mandates/{mandateId}/charges"))!["data"]!.AsArray();

    public async Task<JsonNode> RunBillingAsync()
    {
        using var response = await merchant.PostAsync("/admin/mandates/billing-runs", null);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"billing run: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    /// <summary>Runs billing until the mandate shows <paramref name="condition"/>: the engine reads an eventually consistent projection.</summary>
    public Task<JsonNode> BillUntilAsync(string mandateId, Func<JsonNode, bool> condition, string what) =>
        Eventually.GetAsync(
            async () =>
            {
                await RunBillingAsync();
                var mandate = await GetAsync(mandateId);
                return condition(mandate) ? mandate : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"mandate {mandateId}: {what}");

    public async Task AdvanceUntilAsync(DateTimeOffset until)
    {
        var now = DateTimeOffset.Parse((await anonymous.GetNodeAsync("/simulator/test-helpers/clock"))!["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        if (until > now)
        {
            await Setup.AdvanceClockAsync(until - now + TimeSpan.FromSeconds(1));
        }
    }

    public Task<JsonNode> EventuallyAsync(string mandateId, Func<JsonNode, bool> condition, string what) =>
        Eventually.GetAsync(
            async () =>
            {
                var mandate = await GetAsync(mandateId);
                return condition(mandate) ? mandate : null;
            },
            TimeSpan.FromSeconds(30),
            what: $"mandate {mandateId}: {what}");

    public async Task<List<JsonNode>> LedgerForAsync(string field, string value) =>
        [.. (await Charges.LedgerAsync()).Where(entry => entry![field]?.GetValue<string>() == value).Select(entry => entry!)];

    public async Task<JsonNode> AuthorizeAsync(string subscriptionIntentId, object credentials)
    {
        using var response = await anonymous.PostAsJsonAsync($"/simulator/test-helpers/subscription_intents/{subscriptionIntentId}/authorize", credentials);
        var body = await Json.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"authorize: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    public static string LastChargeStatus(JsonNode mandate) => mandate["last_charge"]?["status"]?.GetValue<string>() ?? "none";

    public static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
