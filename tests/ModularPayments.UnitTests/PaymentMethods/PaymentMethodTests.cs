using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.PaymentMethods.Domain;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.UnitTests.PaymentMethods;

public class PaymentMethodTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000aa");
    private static readonly Guid SessionId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000bb");
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000cc");
    private const string FintocId = "pm_NffrFeUfNV2Hib";

    private static readonly PaymentMethodDetails Pac = new(
        PaymentMethodTypes.Pac, "cl_banco_falabella", "Banco Falabella", "cl", "checking_account", PaymentMethodDetails.LastFour("19831940978"));

    private static Transition Record(PaymentMethod method) => method.RecordFromSession(MethodId, FintocId, SessionId, CustomerId, "cus_NffrFeUfNV2Hib", T0);

    private static Transition Activate(PaymentMethod method) => method.Activate(MethodId, FintocId, Pac, null, "cus_NffrFeUfNV2Hib", T0.AddDays(3));

    private static Transition Cancel(PaymentMethod method) => method.Cancel(MethodId, FintocId, null, "cus_NffrFeUfNV2Hib", T0.AddDays(10));

    [Fact]
    public void Finished_then_activated_ends_active_with_its_session_and_customer()
    {
        var method = new PaymentMethod();
        Assert.Equal(Transition.Applied, Record(method));
        Assert.Equal(PaymentMethodStatus.Pending, method.State.Status);
        Assert.Equal(Transition.Applied, Activate(method));

        Assert.Equal(PaymentMethodStatus.Active, method.State.Status);
        Assert.Equal(SessionId, method.State.SetupSessionId);
        Assert.Equal(CustomerId, Assert.IsType<PaymentMethodActivated>(method.Changes[^1]).CustomerId);
    }

    [Fact]
    public void Activated_before_finished_converges_to_the_same_state()
    {
        var inOrder = new PaymentMethod();
        Record(inOrder);
        Activate(inOrder);

        var reversed = new PaymentMethod();
        Assert.Equal(Transition.Applied, Activate(reversed));
        Assert.Null(reversed.State.CustomerId);
        Assert.Equal(Transition.Applied, Record(reversed));

        Assert.Equal(PaymentMethodStatus.Active, reversed.State.Status);
        Assert.Equal(inOrder.State, reversed.State);
    }

    [Fact]
    public void Repeats_are_already_applied_and_record_nothing()
    {
        var method = new PaymentMethod();
        Record(method);
        Activate(method);
        Cancel(method);
        var recorded = method.Changes.Count;

        Assert.Equal(Transition.AlreadyApplied, Record(method));
        Assert.Equal(Transition.AlreadyApplied, Cancel(method));
        Assert.Equal(recorded, method.Changes.Count);
    }

    [Fact]
    public void An_activation_after_the_cancellation_is_stale()
    {
        var method = new PaymentMethod();
        Record(method);
        Cancel(method);

        Assert.Equal(Transition.Stale, Activate(method));
        Assert.Equal(PaymentMethodStatus.Canceled, method.State.Status);
        Assert.Equal(2, method.Changes.Count);
    }

    [Fact]
    public void A_method_recorded_by_another_session_is_stale()
    {
        var method = new PaymentMethod();
        Record(method);
        Assert.Equal(Transition.Stale, method.RecordFromSession(MethodId, FintocId, Guid.NewGuid(), CustomerId, null, T0));
    }

    [Fact]
    public void Only_the_last_four_digits_of_a_number_are_kept()
    {
        Assert.Equal("0978", Pac.AccountLast4);
        Assert.Equal("1111", PaymentMethodDetails.LastFour("4111111111111111"));
        var violation = Assert.Throws<DomainRuleViolation>(() => new PaymentMethodDetails(PaymentMethodTypes.Card, cardBrand: "visa", cardLast4: "4111111111111111"));
        Assert.Equal("number_not_masked", violation.Code);
    }

    [Fact]
    public void Another_fintoc_method_on_this_stream_is_refused()
    {
        var method = new PaymentMethod();
        Record(method);
        Assert.Throws<DomainRuleViolation>(() => method.Activate(MethodId, "pm_other", Pac, null, null, T0));
    }
}
