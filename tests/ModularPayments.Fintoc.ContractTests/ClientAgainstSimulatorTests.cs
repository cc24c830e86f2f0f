using System.Net;
using System.Net.Http.Json;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Fintoc.ContractTests;

/// <summary>
/// Our typed client against the simulator, endpoint by endpoint. The two were written independently from the same
/// facts, so a disagreement in paths, shapes, errors or pagination fails here.
/// </summary>
public sealed class ClientAgainstSimulatorTests
{
    private static readonly FintocTaxId Rut = new("cl_rut", "11.111.111-1");

    [Fact]
    public async Task Customers_create_get_and_list_with_cursor_pages()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();

        var created = await fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("Felipe Castro", "Felipe@Example.cl", Rut), "customer-1");
        for (var i = 0; i < 4; i++)
        {
            await fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest($"C{i}", $"c{i}@x.cl", null), $"customer-extra-{i}");
        }

        var read = await fintoc.Client.Customers.GetAsync(created.Id);
        var all = await fintoc.Client.Customers.ListAsync(new ListCustomersRequest(Limit: 2)).ToListAsync();
        var byRut = await fintoc.Client.Customers.ListAsync(new ListCustomersRequest(TaxId: "11111111-1")).ToListAsync();

        Assert.Equal("111111111", read.TaxId!.Value);
        Assert.Equal("felipe@example.cl", read.Email);
        Assert.Equal(5, all.Count);
        Assert.Equal(created.Id, all[^1].Id);
        Assert.Equal(created.Id, Assert.Single(byRut).Id);
    }

    [Fact]
    public async Task A_duplicate_tax_id_is_a_conflict_also_through_a_checkout_session()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var existing = await fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("A", null, Rut), "customer-a");

        var direct = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("B", null, new FintocTaxId("cl_rut", "111111111")), "customer-b"));
        var viaSession = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.CheckoutSessions.CreateAsync(Setup(new CheckoutCustomerData("B", null, Rut)), "session-b"));

        Assert.True(direct.IsConflict);
        Assert.Equal(FintocErrorCodes.CustomerAlreadyExists, direct.Code);
        Assert.Contains(existing.Id, direct.Message, StringComparison.Ordinal);
        Assert.True(viaSession.IsConflict);
        Assert.Equal("customer_data.tax_id", viaSession.Param);
    }

    [Fact]
    public async Task A_retried_create_replays_the_first_answer_and_other_parameters_are_refused()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();

        var first = await fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("A", "a@x.cl", null), "same-key");
        var again = await fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("A", "a@x.cl", null), "same-key");
        var reuse = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.Customers.CreateAsync(new CreateCustomerRequest("Other", "o@x.cl", null), "same-key"));

        Assert.Equal(first.Id, again.Id);
        Assert.True(reuse.IsIdempotencyKeyReused);
        Assert.Single(await fintoc.Client.Customers.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Errors_map_to_typed_exceptions_with_fintocs_fields()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();

        var unauthorized = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.WrongKeyClient.Customers.GetAsync("cus_x"));
        var notFound = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.PaymentIntents.GetAsync("pi_missing"));
        var missing = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.CheckoutSessions.CreateAsync(Setup(null), "session-without-customer"));

        Assert.True(unauthorized.IsAuthentication);
        Assert.Equal("authentication_error", unauthorized.Type);
        Assert.True(notFound.IsNotFound);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(FintocErrorCodes.MissingParameter, missing.Code);
        Assert.Equal("customer", missing.Param);
    }

    [Fact]
    public async Task A_setup_session_enrolls_a_card_that_is_charged_with_a_payment_intent()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var session = await fintoc.Client.CheckoutSessions.CreateAsync(Setup(new CheckoutCustomerData("Jon", "jon@x.cl", null)), "session-1");

        await fintoc.HelperAsync($"checkout_sessions/{session.Id}/complete", new { card = new { number = "4111111111111111", expiry = "12/30", cvv = "123", holder_name = "Jon" } });
        var finished = await fintoc.Client.CheckoutSessions.GetAsync(session.Id);
        var method = await fintoc.Client.PaymentMethods.GetAsync(finished.PaymentMethod!);
        var methods = await fintoc.Client.PaymentMethods.ListAsync(customer: session.Customer!.Id).ToListAsync();
        var intent = await fintoc.Client.PaymentIntents.CreateAsync(new CreatePaymentIntentRequest(150000, "CLP", session.Customer.Id, method.Id, new Dictionary<string, string> { ["order_id"] = "o-1" }), "charge-o-1");
        await fintoc.AdvanceAsync(TimeSpan.FromSeconds(11));
        var settled = await fintoc.Client.PaymentIntents.GetAsync(intent.Id);
        var listed = await fintoc.Client.PaymentIntents.ListAsync().ToListAsync();

        Assert.StartsWith("http://localhost/simulator/checkout/", session.RedirectUrl, StringComparison.Ordinal);
        Assert.Equal(FintocStatuses.Created, session.Status);
        Assert.Equal(FintocStatuses.Finished, finished.Status);
        Assert.Equal(FintocStatuses.Active, method.EffectiveStatus);
        Assert.Equal(method.Id, Assert.Single(methods).Id);
        Assert.Equal(FintocStatuses.Created, intent.Status);
        Assert.Equal(150000L, settled.Amount);
        Assert.Equal(FintocStatuses.Succeeded, settled.Status);
        Assert.Equal(session.Customer.Id, settled.Customer);
        Assert.Equal(intent.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task A_pac_method_is_pending_until_the_bank_confirms_it()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var session = await fintoc.Client.CheckoutSessions.CreateAsync(Setup(new CheckoutCustomerData("Jon", "jon@x.cl", null)), "session-pac");

        await fintoc.HelperAsync($"checkout_sessions/{session.Id}/complete", new { pac = new { username = "11.111.111-1", password = "jonsnow", account_number = "422159212" } });
        var method = await fintoc.Client.PaymentMethods.GetAsync((await fintoc.Client.CheckoutSessions.GetAsync(session.Id)).PaymentMethod!);
        await fintoc.AdvanceAsync(TimeSpan.FromDays(6));
        var later = await fintoc.Client.PaymentMethods.GetAsync(method.Id);

        Assert.Equal(FintocStatuses.Pending, method.EffectiveStatus);
        Assert.Equal("422159212", method.Pac!.AccountNumber);
        Assert.Equal(FintocStatuses.Active, later.EffectiveStatus);
    }

    [Fact]
    public async Task A_checkout_session_can_be_expired_while_created()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var session = await fintoc.Client.CheckoutSessions.CreateAsync(Setup(new CheckoutCustomerData("Jon", "jon@x.cl", null)), "session-expire");

        var expired = await fintoc.Client.CheckoutSessions.ExpireAsync(session.Id, "expire-" + session.Id);
        var again = await Assert.ThrowsAsync<FintocApiException>(() => fintoc.Client.CheckoutSessions.ExpireAsync(session.Id, "expire-again-" + session.Id));

        Assert.Equal(FintocStatuses.Expired, expired.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task Subscriptions_and_charges_follow_seed_003()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var intent = await fintoc.Client.SubscriptionIntents.CreateAsync(new CreateSubscriptionIntentRequest(ReferenceId: "mandate-1"), "si-mandate-1");

        await fintoc.HelperAsync($"subscription_intents/{intent.Id}/authorize", new { pac = new { username = "11.111.111-1", password = "jonsnow", account_number = "813990168", mfa_code = "000000" } });
        var authorized = await fintoc.Client.SubscriptionIntents.GetAsync(intent.Id);
        await fintoc.AdvanceAsync(TimeSpan.FromDays(6));
        var subscription = await fintoc.Client.Subscriptions.GetAsync(authorized.Subscription!.Id);
        var subscriptions = await fintoc.Client.Subscriptions.ListAsync().ToListAsync();
        var charges = new List<FintocCharge>();
        for (var i = 0; i < 3; i++)
        {
            charges.Add(await fintoc.Client.Charges.CreateAsync(new CreateChargeRequest(10000 + i, "CLP", subscription.Id), $"charge-{i}"));
        }

        var listed = await fintoc.Client.Charges.ListAsync(new ListChargesRequest(SubscriptionId: subscription.Id, PerPage: 2)).ToListAsync();
        await fintoc.AdvanceAsync(TimeSpan.FromDays(10));
        var final = await fintoc.Client.Charges.GetAsync(charges[0].Id);

        Assert.NotNull(intent.WidgetToken);
        Assert.Null(authorized.WidgetToken);
        Assert.Equal(FintocStatuses.Succeeded, authorized.Status);
        Assert.Equal(FintocStatuses.Active, subscription.Status);
        Assert.Single(subscriptions);
        Assert.All(charges, charge => Assert.Equal(FintocStatuses.Pending, charge.Status));
        Assert.Equal(charges.Select(c => c.Id).Reverse(), listed.Select(c => c.Id));
        Assert.Equal(subscription.Id, final.SubscriptionId);
        Assert.Equal(FintocStatuses.Succeeded, final.Status);
    }

    [Fact]
    public async Task Webhook_endpoints_are_created_listed_and_deleted()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();

        var created = await fintoc.Client.WebhookEndpoints.CreateAsync(new CreateWebhookEndpointRequest("https://merchant.test/hooks", ["payment_intent.succeeded"], "ours"), "we-1");
        var listed = await fintoc.Client.WebhookEndpoints.ListAsync().ToListAsync();
        await fintoc.Client.WebhookEndpoints.DeleteAsync(created.Id);
        var afterDelete = await fintoc.Client.WebhookEndpoints.ListAsync().ToListAsync();

        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Null(Assert.Single(listed).Secret);
        Assert.Empty(afterDelete);
    }

    [Fact]
    public async Task A_post_committed_and_then_timed_out_is_retried_by_the_client_and_charged_once()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();
        var session = await fintoc.Client.CheckoutSessions.CreateAsync(Setup(new CheckoutCustomerData("Jon", "jon@x.cl", null)), "session-chaos");
        await fintoc.HelperAsync($"checkout_sessions/{session.Id}/complete", new { card = new { number = "4111111111111111", expiry = "12/30", cvv = "123" } });
        var methodId = (await fintoc.Client.CheckoutSessions.GetAsync(session.Id)).PaymentMethod!;
        using (var chaos = await fintoc.Helpers.PutAsJsonAsync("chaos", new { timeout_after_commit = 1 }))
        {
            chaos.EnsureSuccessStatusCode();
        }

        var intent = await fintoc.Client.PaymentIntents.CreateAsync(new CreatePaymentIntentRequest(5000, "CLP", session.Customer!.Id, methodId), "order-77");
        var ledger = await fintoc.Helpers.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("ledger");

        var entry = Assert.Single(ledger!);
        Assert.Equal(intent.Id, entry!["id"]!.GetValue<string>());
        Assert.Equal("order-77", entry["idempotency_key"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_simulators_webhooks_pass_our_verifier_and_parser()
    {
        await using var fintoc = await SimulatedFintoc.StartAsync();

        await fintoc.HelperAsync("events/trigger", new { type = "payment_intent.succeeded", overrides = new { amount = 2500, currency = "MXN" } });

        var (body, signature) = Assert.Single(fintoc.Webhooks.Received);
        var verdict = new WebhookSignatureVerifier([SimulatedFintoc.WebhookSecret], null, fintoc.Clock).Verify(body, signature);
        var parsed = FintocEventEnvelope.Parse(body);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal("payment_intent.succeeded", parsed.Type);
        Assert.Equal(2500, parsed.Data.GetProperty("amount").GetInt64());
        Assert.Equal(WebhookVerificationFailure.SignatureMismatch, new WebhookSignatureVerifier(["whsec_other"], null, fintoc.Clock).Verify(body, signature).Failure);
    }

    private static CreateCheckoutSessionRequest Setup(CheckoutCustomerData? customer) =>
        new("setup", "CLP", "https://merchant.test/ok", "https://merchant.test/cancel", CustomerData: customer);
}

internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
