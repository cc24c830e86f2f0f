using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc.Tests;

public sealed class FintocClientTests
{
    private const string CustomerJson = """{"id":"cus_1","object":"customer","name":"Felipe","email":"f@example.cl","tax_id":{"type":"cl_rut","value":"111111111"},"mode":"test","created_at":"2026-11-24T12:00:00Z","metadata":{},"brand_new_field":{"x":1}}""";

    [Fact]
    public async Task A_create_sends_the_raw_key_the_version_the_callers_idempotency_key_and_snake_case_json()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.Created, CustomerJson);

        var customer = await harness.Client.Customers.CreateAsync(
            new CreateCustomerRequest("Felipe", "f@example.cl", new FintocTaxId("cl_rut", "11.111.111-1"), Metadata: new Dictionary<string, string> { ["ourId"] = "c-1" }),
            "customer-c-1");

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://api.fintoc.test/v2/customers", request.Uri.ToString());
        Assert.Equal(ClientHarness.SecretKey, request.Headers["Authorization"]);
        Assert.Equal("2026-02-01", request.Headers["Fintoc-Version"]);
        Assert.Equal("customer-c-1", request.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("cl_rut", body.RootElement.GetProperty("tax_id").GetProperty("type").GetString());
        Assert.Equal("c-1", body.RootElement.GetProperty("metadata").GetProperty("ourId").GetString());
        Assert.False(body.RootElement.TryGetProperty("phone", out _), "null fields are left out");
        Assert.Equal("cus_1", customer.Id);
        Assert.Equal("111111111", customer.TaxId!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_post_without_an_idempotency_key_is_refused_before_anything_is_sent(string key)
    {
        var harness = new ClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.Customers.CreateAsync(new CreateCustomerRequest("a", "a@b.cl", null), key));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.Charges.CreateAsync(new CreateChargeRequest(1000, "CLP", "sub_1"), new string('k', 256)));

        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_delay()
    {
        var harness = new ClientHarness();
        harness.Handler
            .Then(HttpStatusCode.TooManyRequests, """{"error":{"type":"api_error","code":"rate_limit_exceeded","message":"slow down"}}""", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Then(HttpStatusCode.OK, CustomerJson);

        var customer = await harness.RunAsync(c => c.Customers.GetAsync("cus_1"));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(harness.Handler.Requests[1].At - harness.Handler.Requests[0].At >= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_get_is_retried_on_503_with_a_growing_delay()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK, CustomerJson);

        var customer = await harness.RunAsync(c => c.Customers.GetAsync("cus_1"));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Contains(harness.Logs.Lines, line => line.Contains("retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_is_retried_with_the_same_idempotency_key()
    {
        var harness = new ClientHarness();
        harness.Handler
            .Then(HttpStatusCode.InternalServerError, "oops")
            .ThenThrow(new HttpRequestException("connection reset"))
            .Then(HttpStatusCode.Created, """{"id":"ch_1","object":"charge","amount":1000,"currency":"CLP","status":"pending"}""");

        var charge = await harness.RunAsync(c => c.Charges.CreateAsync(new CreateChargeRequest(1000, "CLP", "sub_1"), "charge-42"));

        Assert.Equal("ch_1", charge.Id);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, r => Assert.Equal("charge-42", r.Headers["Idempotency-Key"]));
        Assert.Single(harness.Handler.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task A_400_is_not_retried_and_carries_fintocs_error_fields()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.BadRequest, """{"error":{"type":"invalid_request_error","code":"missing_parameter","message":"amount is required","param":"amount","doc_url":"https://docs.fintoc.com/x"}}""");

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.Client.PaymentIntents.CreateAsync(new CreatePaymentIntentRequest(0, "CLP", "cus_1", "pm_1"), "pi-1"));

        Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal("missing_parameter", error.Code);
        Assert.Equal("amount", error.Param);
        Assert.Equal("https://docs.fintoc.com/x", error.DocUrl);
        Assert.Contains("amount is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_is_recognisable()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.Conflict, """{"error":{"type":"invalid_request_error","code":"customer_already_exists","message":"exists: cus_9","param":"tax_id"}}""");

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.Client.Customers.CreateAsync(new CreateCustomerRequest("a", null, new FintocTaxId("cl_rut", "111111111")), "k"));

        Assert.True(error.IsConflict);
        Assert.Equal(FintocErrorCodes.CustomerAlreadyExists, error.Code);
    }

    [Fact]
    public async Task Exhausted_retries_on_5xx_surface_the_last_error()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 2);
        harness.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.ServiceUnavailable, "<html>down</html>");

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.RunAsync(c => c.Subscriptions.GetAsync("sub_1")));

        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("without a Fintoc error body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exhausted_retries_on_network_errors_become_a_transport_error()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 2);
        harness.Handler.ThenThrow(new HttpRequestException("refused")).ThenThrow(new HttpRequestException("refused")).ThenThrow(new HttpRequestException("refused"));

        var error = await Assert.ThrowsAsync<FintocTransportException>(() => harness.RunAsync(c => c.Charges.GetAsync("ch_1")));

        Assert.Equal(3, error.Attempts);
        Assert.Contains("GET /v1/charges/ch_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_that_never_answers_times_out_and_is_retried()
    {
        var harness = new ClientHarness(o => o.RequestTimeout = TimeSpan.FromSeconds(5));
        harness.Handler.ThenHang().Then(HttpStatusCode.OK, CustomerJson);

        var customer = await harness.RunAsync(c => c.Customers.GetAsync("cus_1"));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(harness.Handler.Requests[1].At - harness.Handler.Requests[0].At >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenHang().Then(HttpStatusCode.OK, CustomerJson);
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.Customers.GetAsync("cus_1", cancellation.Token);
        while (harness.Handler.Requests.Count == 0)
        {
            await Task.Delay(5);
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_connection_aborted_under_the_client_is_retried()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenThrow(new OperationCanceledException("connection aborted")).Then(HttpStatusCode.OK, CustomerJson);

        var customer = await harness.RunAsync(c => c.Customers.GetAsync("cus_1"));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Unknown_statuses_and_fields_are_carried_not_fatal_and_a_customer_may_be_an_id_or_an_object()
    {
        var harness = new ClientHarness();
        harness.Handler
            .Then(HttpStatusCode.OK, """{"id":"pi_1","object":"payment_intent","amount":150000,"currency":"CLP","status":"quantum_superposition","customer":{"id":"cus_1","object":"customer"},"payment_method":"pm_1","future":[1,2]}""")
            .Then(HttpStatusCode.OK, """{"id":"pi_2","object":"payment_intent","amount":5000,"currency":"MXN","status":"succeeded","customer":"cus_2"}""");

        var first = await harness.Client.PaymentIntents.GetAsync("pi_1");
        var second = await harness.Client.PaymentIntents.GetAsync("pi_2");

        Assert.Equal("quantum_superposition", first.Status);
        Assert.Equal("cus_1", first.Customer);
        Assert.Equal("pm_1", first.PaymentMethod);
        Assert.Equal(150000L, first.Amount);
        Assert.Equal("cus_2", second.Customer);
    }

    [Fact]
    public async Task A_payment_methods_status_is_read_from_the_top_or_from_its_details()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, """{"id":"pm_1","type":"pac","customer":"cus_1","pac":{"account_number":"813990168","status":"pending","institution":{"id":"cl_banco_falabella","country":"cl","name":"Banco Falabella"}}}""");

        var method = await harness.Client.PaymentMethods.GetAsync("pm_1");

        Assert.Equal("pending", method.EffectiveStatus);
        Assert.Equal("cl_banco_falabella", method.Pac!.Institution!.Id);
    }

    [Fact]
    public async Task Ids_in_paths_are_escaped()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, CustomerJson);

        await harness.Client.Customers.GetAsync("cus_1/../../v1/charges");

        Assert.Equal("/v2/customers/cus_1%2F..%2F..%2Fv1%2Fcharges", harness.Handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task The_secret_key_never_reaches_logs_or_error_messages()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 1);
        harness.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.Unauthorized, """{"error":{"type":"authentication_error","code":"invalid_api_key","message":"bad key"}}""");

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.RunAsync(c => c.Customers.GetAsync("cus_1")));

        Assert.True(error.IsAuthentication);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(ClientHarness.SecretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(ClientHarness.SecretKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.SecretKey, harness.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fintoc_error_message_that_echoes_a_key_is_kept_without_the_key()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 0);
        harness.Handler.Then(HttpStatusCode.Unauthorized, $$$"""{"error":{"type":"authentication_error","code":"invalid_api_key","message":"Invalid API key {{{ClientHarness.SecretKey}}} (also pk_live_abc and whsec_x1)"}}""");

        var error = await Assert.ThrowsAsync<FintocApiException>(() => harness.RunAsync(c => c.Customers.GetAsync("cus_1")));

        Assert.Equal("Invalid API key [redacted] (also [redacted] and [redacted])", error.Error.Message);
        Assert.DoesNotContain(ClientHarness.SecretKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_filters_with_personal_data_stay_out_of_logs()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.OK, "[]");

        await foreach (var _ in harness.Client.Customers.ListAsync(new ListCustomersRequest(Email: "jon.snow@example.cl")))
        {
        }

        Assert.Contains("email=jon.snow%40example.cl", harness.Handler.Requests[0].Uri.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("jon.snow", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pk_test_public", "Fintoc:SecretKey must start with sk_test_ or sk_live_")]
    [InlineData("", "Fintoc:SecretKey is required")]
    public void Options_name_the_bad_setting_without_its_value(string key, string expected)
    {
        var problems = new FintocOptions { SecretKey = key }.Validate();

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_registered_client_refuses_bad_options_naming_the_setting_without_its_value()
    {
        var services = new ServiceCollection();
        services.AddFintocClient(o => o.SecretKey = "pk_live_public_key_value");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IFintocClient>());

        Assert.Contains("Fintoc:SecretKey must start with sk_test_ or sk_live_", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pk_live_public_key_value", error.Message, StringComparison.Ordinal);
    }
}
