using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>A webhook that contradicts what we asked Fintoc for is flagged and surfaced, never settled.</summary>
public sealed class ChargeMismatchTests : IDisposable
{
    // Fintoc's own webhook must not settle the charge first: the simulator clock also runs in real time.
    private readonly ApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["Fintoc:WebhookSecrets:0"] = WebhookIngestionTests.Secret,
        ["Simulator:PaymentIntentSettlementSeconds"] = "3600",
    });
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly ChargeFlow _flow;

    public ChargeMismatchTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new ChargeFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_signed_webhook_with_another_amount_flags_the_charge_instead_of_settling_it()
    {
        var (customerId, method) = await _flow.ActiveMethodAsync("card");
        var accepted = await _flow.ChargeAsync(customerId, method["id"]!.GetValue<string>(), 25_000);
        var chargeId = accepted["id"]!.GetValue<string>();
        var submitted = await _flow.SubmittedEventuallyAsync(chargeId);
        var fintocCustomer = (await _merchant.GetNodeAsync($"/v1/customers/{customerId}"))!["fintoc_customer_id"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["id"] = submitted["fintoc_payment_intent_id"]!.GetValue<string>(),
            ["object"] = "payment_intent",
            ["amount"] = 2_500_000, // the classic bug: CLP multiplied by 100
            ["currency"] = "CLP",
            ["customer"] = fintocCustomer,
            ["payment_method"] = method["fintoc_payment_method_id"]!.GetValue<string>(),
            ["status"] = "succeeded",
            ["error_reason"] = null,
            ["metadata"] = new JsonObject { ["mp_charge_id"] = chargeId },
        };
        var body = new JsonObject { ["id"] = "evt_mismatch_1", ["object"] = "event", ["type"] = "payment_intent.succeeded", ["mode"] = "test", ["created_at"] = "2026-11-30T12:00:00Z", ["data"] = data }.ToJsonString();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fintoc") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, FintocWebhookSigner.Sign(body, WebhookIngestionTests.Secret, _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        using var response = await _anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var flagged = await Eventually.GetAsync(
            async () => await _merchant.GetNodeAsync($"/v1/charges/{chargeId}") is { } c && c["mismatch"] is not null ? c : null,
            TimeSpan.FromSeconds(30),
            what: "the charge flagged as a mismatch");
        Assert.Equal("pending", flagged["status"]!.GetValue<string>());
        Assert.Equal(["amount"], flagged["mismatch"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("evt_mismatch_1", flagged["mismatch"]!["fintoc_event_id"]!.GetValue<string>());
        var listed = await Eventually.GetAsync(
            async () => (await _merchant.GetNodeAsync("/admin/charges/mismatches"))!["data"]!.AsArray() is { Count: 1 } list ? list : null,
            what: "the charge in the admin mismatch list");
        Assert.Equal(chargeId, listed[0]!["id"]!.GetValue<string>());
        var timeline = (await _merchant.GetNodeAsync($"/v1/charges/{chargeId}/timeline"))!["data"]!.AsArray();
        Assert.Contains(timeline, step => step!["type"]!.GetValue<string>() == "mismatch_detected" && step["fintoc_event_id"]!.GetValue<string>() == "evt_mismatch_1");
        Assert.DoesNotContain(timeline, step => step!["type"]!.GetValue<string>() == "succeeded");
    }
}
