using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.GetChargeTimeline;
using ModularPayments.Modules.Charges.Application.RefreshCharge;
using ModularPayments.Modules.Charges.Application.RequestCharge;
using ModularPayments.Modules.Charges.Application.SettleCharge;
using ModularPayments.Modules.Charges.Application.SubmitCharge;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.UnitTests.Charges;

public sealed class ChargeHandlerTests : IDisposable
{
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d1");
    private static readonly Guid OtherCustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d2");
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000d3");

    private readonly ChargesHarness _harness = new();

    public ChargeHandlerTests()
    {
        _harness.Links.Link(CustomerId, "cus_F1");
        _harness.Links.Link(OtherCustomerId, "cus_F2");
        _harness.Methods.Methods[MethodId] = new PublishedPaymentMethod(MethodId, CustomerId, "pm_F1", "cus_F1", "pac", "active", "CLP");
    }

    public void Dispose() => _harness.Dispose();

    private static RequestChargeCommand Request(long amount = 150_000, string? key = "key-1", Guid? customerId = null, Guid? methodId = null) =>
        new(PublicIdKind.Customer.Format(customerId ?? CustomerId), PublicIdKind.PaymentMethod.Format(methodId ?? MethodId), null, amount, "CLP", "Order 42",
            new Dictionary<string, string> { ["order"] = "42" }, key);

    private Task<RequestChargeResult> RequestAsync(RequestChargeCommand? command = null) => _harness.SendAsync(command ?? Request());

    private static SettleChargeCommand Webhook(FintocChargeSnapshot snapshot, string status, string eventId, string? reason = null) =>
        new(snapshot with { Status = status, FailureReason = reason }, "webhook", eventId, ChargesHarness.T0.AddSeconds(10));

    [Fact]
    public async Task A_request_is_recorded_before_fintoc_is_called()
    {
        var result = await RequestAsync();

        Assert.True(result.Created);
        Assert.Equal("pending", result.Charge.Status);
        Assert.Equal(["charges.charge_requested.v1"], _harness.EventTypes(result.Charge.Id));
        Assert.Empty(_harness.Gateway.Submissions);
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_and_another_body_is_a_conflict()
    {
        var first = await RequestAsync();
        await _harness.SendAsync(new SubmitChargeCommand(first.Charge.Id));
        _harness.Clock.Advance(TimeSpan.FromHours(25));
        var head = _harness.Events.All.Count;

        var again = await RequestAsync();
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => RequestAsync(Request(amount: 150_001)));

        Assert.False(again.Created);
        Assert.Equivalent(first.Charge, again.Charge, strict: true);
        Assert.Equal("idempotency_key_reused", conflict.Code);
        Assert.Equal(head, _harness.Events.All.Count);
    }

    [Theory]
    [InlineData("pending", "pac", "CLP", "payment_method_id")]
    [InlineData("canceled", "pac", "CLP", "payment_method_id")]
    [InlineData("active", "direct_debit", "MXN", "currency")]
    public async Task A_method_that_cannot_take_the_charge_is_refused_and_nothing_is_stored(string status, string type, string currency, string field)
    {
        _harness.Methods.Methods[MethodId] = new PublishedPaymentMethod(MethodId, CustomerId, "pm_F1", "cus_F1", type, status, currency);

        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => RequestAsync());

        Assert.Equal(field, refused.Field);
        Assert.Empty(_harness.Events.All);
    }

    [Fact]
    public async Task Another_customers_method_or_an_unknown_one_is_refused_alike()
    {
        var foreign = await Assert.ThrowsAsync<DomainRuleViolation>(() => RequestAsync(Request(customerId: OtherCustomerId)));
        var unknown = await Assert.ThrowsAsync<DomainRuleViolation>(() => RequestAsync(Request(methodId: Guid.NewGuid())));

        Assert.Equal(unknown.Code, foreign.Code);
        Assert.Equal("payment_method_id", foreign.Field);
        Assert.Empty(_harness.Events.All);
    }

    [Theory]
    [InlineData("unknown", "active", "unknown_subscription")]
    [InlineData("another customer's", "active", "unknown_subscription")]
    [InlineData("this customer's", "canceled", "subscription_not_active")]
    [InlineData("this customer's", "revoked", "subscription_not_active")]
    public async Task A_subscription_not_authorized_through_a_live_mandate_of_this_customer_is_refused(string whose, string mandateStatus, string code)
    {
        if (whose != "unknown")
        {
            _harness.Subscriptions.Subscriptions["sub_9"] = new("sub_9", Guid.NewGuid(), whose == "this customer's" ? CustomerId : OtherCustomerId, mandateStatus);
        }

        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => _harness.SendAsync(
            new RequestChargeCommand(PublicIdKind.Customer.Format(CustomerId), null, "sub_9", 20_000, "CLP", null, null, null, Guid.NewGuid())));

        Assert.Equal((code, "subscription_id"), (refused.Code, refused.Field));
        Assert.Empty(_harness.Events.All);
    }

    [Fact]
    public async Task Submission_uses_our_ids_records_fintocs_id_and_claims_it_and_a_repeat_calls_fintoc_no_more()
    {
        var charge = (await RequestAsync()).Charge;

        var submitted = await _harness.SendAsync(new SubmitChargeCommand(charge.Id));
        await _harness.SendAsync(new SubmitChargeCommand(charge.Id));

        var call = Assert.Single(_harness.Gateway.Submissions);
        Assert.Equal(charge.Id, call.ChargeId);
        Assert.Equal(("cus_F1", "pm_F1", 150_000L, "CLP"), (call.FintocCustomerId, call.FintocPaymentMethodId, call.Amount, call.Currency));
        Assert.Equal(PublicIdKind.Charge.Format(charge.Id), call.Metadata["mp_charge_id"]);
        Assert.Equal("pi_1", submitted.FintocId);
        Assert.Single(_harness.Events.Stream(ChargeStreams.FintocObject("pi_1")));
    }

    [Fact]
    public async Task A_timeout_leaves_the_charge_unsubmitted_and_the_retry_finds_the_same_object()
    {
        var charge = (await RequestAsync()).Charge;
        _harness.Gateway.FailNextSubmit = new FintocTransportException("POST", "/v2/payment_intents", 3, null);

        await Assert.ThrowsAsync<FintocTransportException>(() => _harness.SendAsync(new SubmitChargeCommand(charge.Id)));
        Assert.Equal(["charges.charge_requested.v1"], _harness.EventTypes(charge.Id));
        var retried = await _harness.SendAsync(new SubmitChargeCommand(charge.Id));

        Assert.Equal("pi_1", retried.FintocId);
        Assert.Single(_harness.Gateway.Objects);
    }

    [Fact]
    public async Task A_refusal_about_the_request_fails_the_charge_with_fintocs_code()
    {
        var charge = (await RequestAsync()).Charge;
        _harness.Gateway.FailNextSubmit = new ChargeRefusedException("payment_method_not_active", "refused");

        var failed = await _harness.SendAsync(new SubmitChargeCommand(charge.Id));

        Assert.Equal("failed", failed.Status);
        Assert.Equal("payment_method_not_active", failed.FailureReason);
    }

    [Fact]
    public async Task A_webhook_landing_while_our_call_is_in_flight_and_the_late_answer_make_one_consistent_charge()
    {
        var charge = (await RequestAsync()).Charge;
        _harness.Gateway.WhileSubmitting = snapshot => _harness.SendAsync(Webhook(snapshot, "succeeded", "evt_1"));

        var settled = await _harness.SendAsync(new SubmitChargeCommand(charge.Id));

        Assert.Equal("succeeded", settled.Status);
        Assert.Equal(
            ["charges.charge_requested.v1", "charges.charge_submitted.v1", "charges.charge_succeeded.v1"],
            _harness.EventTypes(charge.Id));
        Assert.Single(_harness.Gateway.Submissions);
        var timeline = await _harness.SendAsync(new GetChargeTimelineQuery(charge.Id));
        Assert.Equal("webhook", timeline[1].Source);
        Assert.Equal("evt_1", timeline[2].FintocEventId);
        Assert.Equal("key-1", timeline[0].IdempotencyKey);
    }

    [Fact]
    public async Task A_webhook_for_an_object_we_never_asked_for_throws_so_the_reactor_retries_then_parks_it()
    {
        var stranger = new FintocChargeSnapshot("pi_stranger", "succeeded", 1, "CLP", "cus_F9", "pm_F9", null, null, null);

        await Assert.ThrowsAsync<UnknownChargeException>(() => _harness.SendAsync(Webhook(stranger, "succeeded", "evt_x")));
    }

    [Fact]
    public async Task A_webhook_found_by_the_claim_alone_settles_and_a_contradiction_is_recorded_stale()
    {
        var charge = (await RequestAsync()).Charge;
        await _harness.SendAsync(new SubmitChargeCommand(charge.Id));
        var withoutMetadata = _harness.Gateway.Objects["pi_1"] with { ChargeReference = null };

        var failed = await _harness.SendAsync(Webhook(withoutMetadata, "failed", "evt_1", "insufficient_funds"));
        var contradiction = await _harness.SendAsync(Webhook(withoutMetadata, "succeeded", "evt_2"));

        Assert.Equal(WebhookHandling.AppliedOutcome, failed.Outcome);
        Assert.Equal(WebhookHandling.StaleOutcome, contradiction.Outcome);
        Assert.Equal("charges.charge_update_ignored.v1", _harness.EventTypes(charge.Id)[^1]);
        Assert.Contains("failed", _harness.EventTypes(charge.Id)[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_janitors_refresh_submits_an_unsubmitted_charge_and_settles_a_submitted_one_from_a_reread()
    {
        var charge = (await RequestAsync()).Charge;

        var submitted = await _harness.SendAsync(new RefreshChargeCommand(charge.Id));
        Assert.Equal("pi_1", submitted.FintocId);
        Assert.Equal("pending", submitted.Status);
        _harness.Gateway.Objects["pi_1"] = _harness.Gateway.Objects["pi_1"] with { Status = "succeeded" };
        var settled = await _harness.SendAsync(new RefreshChargeCommand(charge.Id));

        Assert.Equal("succeeded", settled.Status);
        Assert.Equal("janitor", (await _harness.SendAsync(new GetChargeTimelineQuery(charge.Id)))[^1].Source);
    }

    [Fact]
    public async Task A_subscription_charge_goes_to_fintocs_v1_charges_in_clp()
    {
        _harness.Subscriptions.Subscriptions["sub_123"] = new("sub_123", Guid.NewGuid(), CustomerId, "active");
        var command = new RequestChargeCommand(PublicIdKind.Customer.Format(CustomerId), null, "sub_123", 20_000, "CLP", null, null, null, Guid.NewGuid());

        var charge = (await _harness.SendAsync(command)).Charge;
        await _harness.SendAsync(new SubmitChargeCommand(charge.Id));

        var call = Assert.Single(_harness.Gateway.Submissions);
        Assert.Equal(("subscription_charge", "sub_123", (string?)null), (call.Kind, call.SubscriptionId, call.FintocPaymentMethodId));
        Assert.Equal(Assert.Single(_harness.Gateway.Objects).Key, (await _harness.SendAsync(new Modules.Charges.Application.GetCharge.GetChargeQuery(charge.Id))).FintocId);
    }

    [Fact]
    public async Task Another_module_requests_a_charge_by_its_own_id_idempotently()
    {
        var chargeId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000f1");
        await using var scope = _harness.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<IChargeRequests>();

        await requests.RequestAsync(chargeId, CustomerId, MethodId, null, 30_000, "CLP", "Period 2026-12", CancellationToken.None);
        await requests.RequestAsync(chargeId, CustomerId, MethodId, null, 30_000, "CLP", "Period 2026-12", CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => requests.RequestAsync(chargeId, CustomerId, MethodId, null, 30_001, "CLP", "Period 2026-12", CancellationToken.None));

        Assert.Equal(["charges.charge_requested.v1"], _harness.EventTypes(chargeId));
    }
}
