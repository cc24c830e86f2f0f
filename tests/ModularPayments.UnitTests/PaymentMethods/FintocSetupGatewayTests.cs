using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Infrastructure;

namespace ModularPayments.UnitTests.PaymentMethods;

public class FintocSetupGatewayTests
{
    private static readonly Guid SessionId = Guid.Parse("0193c4a1-0000-7000-8000-000000000501");

    private static readonly SetupCheckoutRequest Request = new(
        SessionId, "cus_F1", "CLP", ["pac"], "https://m.cl/ok", "https://m.cl/ko",
        new Dictionary<string, string> { ["mp_setup_session_id"] = "mp_setup_0193c4a1000070008000000000000501", ["order"] = "7" });

    private const string SessionJson = """
        {"id": "cs_1", "object": "checkout_session", "flow": "setup", "status": "created", "currency": "CLP",
         "customer": {"id": "cus_F1", "object": "customer"}, "payment_method": null, "payment_method_types": ["pac"],
         "redirect_url": "https://pay.fintoc.test/checkout/cs_1", "expires_at": "2026-11-30T13:00:00Z",
         "metadata": {"mp_setup_session_id": "mp_setup_0193c4a1000070008000000000000501", "order": "7"}}
        """;

    private static (FintocSetupGateway Gateway, StubHandler Handler) Create(HttpStatusCode status, string body)
    {
        var handler = new StubHandler(status, body);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFintocClient(options =>
            {
                options.SecretKey = "sk_test_unit";
                options.BaseAddress = new Uri("https://fintoc.test/");
                options.MaxRetries = 0;
            })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        var client = services.BuildServiceProvider().GetRequiredService<IFintocClient>();
        return (new FintocSetupGateway(client), handler);
    }

    [Fact]
    public async Task Creates_a_setup_checkout_for_the_fintoc_customer_with_a_key_derived_from_our_session()
    {
        var (gateway, handler) = Create(HttpStatusCode.Created, SessionJson);

        var snapshot = await gateway.CreateSetupCheckoutAsync(Request, CancellationToken.None);

        Assert.Equal(("cs_1", "https://pay.fintoc.test/checkout/cs_1"), (snapshot.FintocCheckoutSessionId, snapshot.RedirectUrl));
        Assert.Equal("mp_setup_0193c4a1000070008000000000000501", snapshot.SetupSessionReference);
        Assert.Equal("cus_F1", snapshot.FintocCustomerId);
        Assert.Equal("/v2/checkout_sessions", handler.LastRequest!.RequestUri!.AbsolutePath);
        Assert.Equal("setup_session-" + SessionId.ToString("N"), handler.LastRequest.Headers.GetValues("Idempotency-Key").Single());

        using var sent = JsonDocument.Parse(handler.LastBody!);
        Assert.Equal("setup", sent.RootElement.GetProperty("flow").GetString());
        Assert.Equal("cus_F1", sent.RootElement.GetProperty("customer").GetString());
        Assert.Equal("mp_setup_0193c4a1000070008000000000000501", sent.RootElement.GetProperty("metadata").GetProperty("mp_setup_session_id").GetString());
        Assert.Equal("pac", sent.RootElement.GetProperty("payment_method_types")[0].GetString());
        Assert.False(sent.RootElement.TryGetProperty("customer_data", out _));
    }

    [Fact]
    public async Task Fintoc_refusing_the_request_is_a_rule_violation_with_its_code()
    {
        var (gateway, _) = Create(HttpStatusCode.BadRequest, """{"error": {"type": "invalid_request_error", "code": "invalid_currency", "message": "Currency not allowed.", "param": "currency"}}""");

        var violation = await Assert.ThrowsAsync<DomainRuleViolation>(() => gateway.CreateSetupCheckoutAsync(Request, CancellationToken.None));

        Assert.Equal("fintoc_invalid_currency", violation.Code);
        Assert.Null(violation.Field); // 422: the caller's fields were valid, Fintoc's rule refused them
        Assert.DoesNotContain("sk_test_unit", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_credentials_being_refused_is_not_the_callers_fault()
    {
        var (gateway, _) = Create(HttpStatusCode.Unauthorized, """{"error": {"type": "authentication_error", "code": "invalid_api_key", "message": "Invalid API key."}}""");

        await Assert.ThrowsAsync<FintocApiException>(() => gateway.CreateSetupCheckoutAsync(Request, CancellationToken.None));
    }

    [Fact]
    public async Task A_payment_method_read_keeps_only_the_last_four_digits()
    {
        var (gateway, _) = Create(HttpStatusCode.OK, WebhookTranslatorTests.SeedActivatedData);

        var method = await gateway.GetPaymentMethodAsync("pm_NffrFeUfNV2Hib", CancellationToken.None);

        Assert.Equal(("pac", "active", "0978"), (method.Type, method.Status, method.AccountLast4));
        Assert.DoesNotContain("19831940978", method.ToString(), StringComparison.Ordinal);
    }

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? LastRequest { get; private set; }

        public string? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
