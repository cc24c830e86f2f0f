using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.PaymentMethods.Domain;
using ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

namespace ModularPayments.UnitTests.PaymentMethods;

public class SetupSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid SessionId = Guid.Parse("0193c4a1-0000-7000-8000-000000000001");
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-000000000002");
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-000000000003");

    private static SetupSession Requested(params string[] types)
    {
        var session = new SetupSession();
        session.Request(SessionId, CustomerId, "cus_NffrFeUfNV2Hib", "CLP", types, "https://merchant.com/success", "https://merchant.com/cancel", new Dictionary<string, string>(), T0);
        return session;
    }

    [Fact]
    public void A_requested_session_is_open_once_fintoc_answers()
    {
        var session = Requested("pac");
        Assert.Equal(SetupSessionStatus.Requested, session.State.Status);

        Assert.Equal(Transition.Applied, session.Open("cs_li5531onlFDi235", "https://pay.fintoc.com/checkout/cs_li5531onlFDi235", T0.AddHours(1), ["pac"], T0));
        Assert.Equal(SetupSessionStatus.Open, session.State.Status);
        Assert.Equal("cs_li5531onlFDi235", session.State.FintocCheckoutSessionId);
        Assert.Equal(Transition.AlreadyApplied, session.Open("cs_li5531onlFDi235", "https://pay.fintoc.com/checkout/cs_li5531onlFDi235", T0.AddHours(1), ["pac"], T0));
    }

    [Fact]
    public void Finishing_twice_records_once_and_an_expiry_after_it_is_stale()
    {
        var session = Requested();
        session.Open("cs_1", "https://pay/cs_1", null, [], T0);

        Assert.Equal(Transition.Applied, session.Finish("cs_1", MethodId, "pm_1", T0.AddMinutes(5)));
        Assert.Equal(Transition.AlreadyApplied, session.Finish("cs_1", MethodId, "pm_1", T0.AddMinutes(6)));
        Assert.Equal(Transition.Stale, session.Expire("cs_1", T0.AddHours(2)));
        Assert.Equal(SetupSessionStatus.Finished, session.State.Status);
        Assert.Equal(MethodId, session.State.PaymentMethodId);
        Assert.Equal(3, session.Changes.Count);
    }

    [Fact]
    public void An_expired_session_never_finishes()
    {
        var session = Requested();
        Assert.Equal(Transition.Applied, session.Expire("cs_1", T0.AddHours(1)));
        Assert.Equal(Transition.AlreadyApplied, session.Expire("cs_1", T0.AddHours(1)));
        Assert.Equal(Transition.Stale, session.Finish("cs_1", MethodId, "pm_1", T0.AddHours(2)));
        Assert.Equal(SetupSessionStatus.Expired, session.State.Status);
    }

    [Fact]
    public void The_webhook_may_finish_the_session_before_fintocs_create_answer_is_recorded()
    {
        var session = Requested();
        session.Finish("cs_1", MethodId, "pm_1", T0.AddMinutes(1));

        Assert.Equal(Transition.Applied, session.Open("cs_1", "https://pay/cs_1", T0.AddHours(1), ["pac", "card"], T0.AddMinutes(2)));
        Assert.Equal(SetupSessionStatus.Finished, session.State.Status);
        Assert.Equal("https://pay/cs_1", session.State.RedirectUrl);
        Assert.Equal(["pac", "card"], session.State.PaymentMethodTypes);
    }

    [Fact]
    public void Another_fintoc_session_for_the_same_session_is_refused()
    {
        var session = Requested();
        session.Open("cs_1", "https://pay/cs_1", null, [], T0);

        var violation = Assert.Throws<DomainRuleViolation>(() => session.Finish("cs_2", MethodId, "pm_1", T0));
        Assert.Equal("fintoc_checkout_session_mismatch", violation.Code);
    }

    [Theory]
    [InlineData("CLP", "direct_debit")]
    [InlineData("MXN", "pac")]
    [InlineData("CLP", "bank_transfer")]
    public void Types_must_fit_the_currency(string currency, string type)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() =>
            new SetupSession().Request(SessionId, CustomerId, "cus_1", currency, [type], "https://a.b/s", "https://a.b/c", new Dictionary<string, string>(), T0));
        Assert.Equal("payment_method_types", violation.Field);
    }

    [Fact]
    public void A_repeated_request_is_recognised_by_its_content()
    {
        var session = Requested("pac", "card");
        var none = new Dictionary<string, string>();

        Assert.True(session.IsSameRequest(CustomerId, "CLP", ["card", "pac"], "https://merchant.com/success", "https://merchant.com/cancel", none));
        Assert.False(session.IsSameRequest(CustomerId, "CLP", ["pac"], "https://merchant.com/success", "https://merchant.com/cancel", none));
        Assert.False(session.IsSameRequest(CustomerId, "CLP", ["pac", "card"], "https://merchant.com/other", "https://merchant.com/cancel", none));
        Assert.False(session.IsSameRequest(CustomerId, "CLP", ["pac", "card"], "https://merchant.com/success", "https://merchant.com/cancel", new Dictionary<string, string> { ["k"] = "v" }));
    }
}
