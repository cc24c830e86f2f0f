using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application;
using ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.GetSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.RefreshSetupSession;

namespace ModularPayments.UnitTests.PaymentMethods;

public sealed class SetupSessionHandlerTests : IDisposable
{
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-000000000c01");
    private static readonly string CustomerPublicId = PublicIdKind.Customer.Format(CustomerId);

    private readonly PaymentMethodsHarness _harness = new();

    public SetupSessionHandlerTests() => _harness.Links.Link(CustomerId, "cus_NffrFeUfNV2Hib");

    public void Dispose() => _harness.Dispose();

    private static CreateSetupSessionCommand Create(string? key = null, string successUrl = "https://merchant.com/success", IReadOnlyList<string>? types = null) =>
        new(CustomerPublicId, "CLP", successUrl, "https://merchant.com/cancel", types ?? ["pac"], new Dictionary<string, string> { ["order"] = "987" }, key);

    [Fact]
    public async Task Creates_a_fintoc_setup_checkout_for_the_linked_customer_and_answers_the_session()
    {
        var result = await _harness.SendAsync(Create());

        Assert.True(result.Created);
        var session = result.Session;
        Assert.Equal("open", session.Status);
        Assert.Equal("cs_1", session.FintocCheckoutSessionId);
        Assert.Equal("https://pay.fintoc.test/checkout/cs_1", session.RedirectUrl);
        Assert.Equal("cus_NffrFeUfNV2Hib", session.FintocCustomerId);
        Assert.Equal(CustomerId, session.CustomerId);
        Assert.Equal(PaymentMethodsHarness.T0.AddHours(1), session.ExpiresAt);
        Assert.Equal(new Dictionary<string, string> { ["order"] = "987" }, session.Metadata);

        var sent = Assert.Single(_harness.Gateway.CreateRequests);
        Assert.Equal(session.Id, sent.SetupSessionId);
        Assert.Equal("cus_NffrFeUfNV2Hib", sent.FintocCustomerId);
        Assert.Equal(PublicIdKind.SetupSession.Format(session.Id), sent.Metadata["mp_setup_session_id"]);
        Assert.Equal("987", sent.Metadata["order"]);
        Assert.Single(_harness.StreamsStartingWith(PaymentMethodStreams.FintocCheckoutSessionPrefix));
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_session()
    {
        var first = await _harness.SendAsync(Create("key-1"));
        var again = await _harness.SendAsync(Create("key-1"));

        Assert.False(again.Created);
        Assert.Equivalent(first.Session, again.Session, strict: true);
        Assert.Single(_harness.Gateway.CreateRequests);
        Assert.Single(_harness.StreamsStartingWith(PaymentMethodStreams.SetupSessionPrefix));
        Assert.Equal(PaymentMethodStreams.SetupSessionIdFor("key-1"), first.Session.Id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        await _harness.SendAsync(Create("key-1"));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _harness.SendAsync(Create("key-1", successUrl: "https://merchant.com/other")));
        Assert.Equal("idempotency_key_reused", conflict.Code);
    }

    [Fact]
    public async Task A_retry_after_fintoc_failed_resumes_the_recorded_session()
    {
        _harness.Gateway.FailNextCreate = new HttpRequestException("timeout");
        await Assert.ThrowsAsync<HttpRequestException>(() => _harness.SendAsync(Create("key-2")));

        var retried = await _harness.SendAsync(Create("key-2"));

        Assert.True(retried.Created);
        Assert.Equal("cs_1", retried.Session.FintocCheckoutSessionId);
        Assert.Equal(2, _harness.Gateway.CreateRequests.Count);
        Assert.All(_harness.Gateway.CreateRequests, r => Assert.Equal(retried.Session.Id, r.SetupSessionId));
        Assert.Equal(1, _harness.Links.EnsureCalls);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found_and_fintoc_is_not_called()
    {
        var unknown = Create() with { CustomerId = PublicIdKind.Customer.Format(Guid.NewGuid()) };

        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => _harness.SendAsync(unknown));
        Assert.Equal("customer", notFound.Resource);
        Assert.Empty(_harness.Gateway.CreateRequests);
    }

    [Fact]
    public async Task An_invalid_request_is_refused_by_the_validator_before_anything_happens()
    {
        var invalid = Create() with { Currency = "USD", SuccessUrl = "ftp://x" };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _harness.SendAsync(invalid));
        Assert.Contains(refused.Errors, e => e.PropertyName == "currency");
        Assert.Contains(refused.Errors, e => e.PropertyName == "success_url");
        Assert.Empty(_harness.Events.All);
    }

    [Fact]
    public async Task Get_reads_the_session_and_an_unknown_one_is_not_found()
    {
        var created = await _harness.SendAsync(Create());

        Assert.Equivalent(created.Session, await _harness.SendAsync(new GetSetupSessionQuery(created.Session.Id)), strict: true);
        await Assert.ThrowsAsync<NotFoundException>(() => _harness.SendAsync(new GetSetupSessionQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task Refresh_applies_what_fintoc_says_through_the_webhook_commands()
    {
        var created = (await _harness.SendAsync(Create())).Session;
        _harness.Gateway.Checkouts["cs_1"] = _harness.Gateway.Checkouts["cs_1"] with { Status = "finished", FintocPaymentMethodId = "pm_1" };
        _harness.Gateway.Methods["pm_1"] = new PaymentMethodSnapshot("pm_1", "pac", "active", "cus_NffrFeUfNV2Hib", "cl_banco_estado", "BancoEstado", "cl", "checking_account", "9212", null, null);

        var refreshed = await _harness.SendAsync(new RefreshSetupSessionCommand(created.Id));

        Assert.Equal("finished", refreshed.Status);
        Assert.Equal(PaymentMethodStreams.PaymentMethodIdFor("pm_1"), refreshed.PaymentMethodId);
        var methodStream = _harness.Events.Stream(PaymentMethodStreams.PaymentMethod(PaymentMethodStreams.PaymentMethodIdFor("pm_1")));
        Assert.Equal(["payment_methods.payment_method_recorded.v1", "payment_methods.payment_method_activated.v1"], methodStream.Select(e => e.EventType));

        var eventsBefore = _harness.Events.All.Count;
        await _harness.SendAsync(new RefreshSetupSessionCommand(created.Id));
        Assert.Equal(eventsBefore, _harness.Events.All.Count);
    }

    [Fact]
    public async Task Payment_method_types_must_fit_the_currency()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _harness.SendAsync(Create(types: ["direct_debit"])));
        Assert.Contains(refused.Errors, e => e.PropertyName == "payment_method_types");
    }
}
