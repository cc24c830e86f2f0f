using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Charges.Domain;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.UnitTests.Charges;

public sealed class ChargeTests
{
    private static readonly Guid ChargeId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000c1");
    private static readonly Guid CustomerId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000c2");
    private static readonly Guid MethodId = Guid.Parse("0193c4a1-0000-7000-8000-0000000000c3");
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly ChargeRequested Request = new(
        ChargeId, ChargeKinds.PaymentIntent, CustomerId, MethodId, null, "cus_F1", "pm_F1", 150_000, "CLP", "Order 42",
        new Dictionary<string, string> { ["order"] = "42" }, "key-1", T0);

    private static FintocChargeFacts Facts(string? status, long amount = 150_000, string id = "pi_1", string? reason = null) =>
        new(id, status, amount, "CLP", "cus_F1", "pm_F1", null, reason);

    private static Charge Requested()
    {
        var charge = new Charge();
        charge.Request(Request);
        charge.MarkCommitted(0);
        return charge;
    }

    [Fact]
    public void A_request_is_recorded_pending_with_its_amount_in_minor_units_unchanged()
    {
        var charge = new Charge();
        charge.Request(Request);

        var requested = Assert.IsType<ChargeRequested>(Assert.Single(charge.Changes));
        Assert.Equal(150_000, requested.Amount);
        Assert.Equal(ChargeStatus.Pending, charge.State.Status);
        Assert.Null(charge.State.FintocId);
    }

    [Theory]
    [InlineData(0, "CLP", ChargeKinds.PaymentIntent, "amount")]
    [InlineData(-1, "CLP", ChargeKinds.PaymentIntent, "amount")]
    [InlineData(100, "USD", ChargeKinds.PaymentIntent, "currency")]
    [InlineData(100, "MXN", ChargeKinds.SubscriptionCharge, "currency")]
    public void An_invalid_request_is_refused_naming_the_field(long amount, string currency, string kind, string field)
    {
        var request = kind == ChargeKinds.SubscriptionCharge
            ? Request with { Kind = kind, PaymentMethodId = null, FintocPaymentMethodId = null, SubscriptionId = "sub_1", Amount = amount, Currency = currency }
            : Request with { Amount = amount, Currency = currency };

        var refused = Assert.Throws<DomainRuleViolation>(() => new Charge().Request(request));

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void The_same_request_is_recognised_and_a_different_one_is_not()
    {
        var charge = Requested();

        Assert.True(charge.IsSameRequest(CustomerId, MethodId, null, 150_000, "CLP", "Order 42", new Dictionary<string, string> { ["order"] = "42" }));
        Assert.False(charge.IsSameRequest(CustomerId, MethodId, null, 150_001, "CLP", "Order 42", new Dictionary<string, string> { ["order"] = "42" }));
        Assert.False(charge.IsSameRequest(CustomerId, MethodId, null, 150_000, "CLP", "Order 42", new Dictionary<string, string> { ["order"] = "43" }));
        Assert.False(charge.IsSameRequest(CustomerId, Guid.NewGuid(), null, 150_000, "CLP", "Order 42", new Dictionary<string, string> { ["order"] = "42" }));
    }

    [Fact]
    public void A_webhook_before_the_api_answer_teaches_the_id_and_settles_and_the_answer_then_changes_nothing()
    {
        var charge = Requested();

        Assert.Equal(Transition.Applied, charge.Reconcile(Facts("succeeded"), "webhook", "evt_1", T0.AddSeconds(10)));
        Assert.Equal(["ChargeSubmitted", "ChargeSucceeded"], charge.Changes.Select(c => c.GetType().Name));
        charge.MarkCommitted(2);

        Assert.Equal(Transition.AlreadyApplied, charge.Reconcile(Facts("created"), "submission", null, T0.AddSeconds(11)));
        Assert.Empty(charge.Changes);
        Assert.Equal(ChargeStatus.Succeeded, charge.State.Status);
        Assert.Equal("pi_1", charge.State.FintocId);
    }

    [Fact]
    public void A_final_charge_records_and_ignores_a_contradiction()
    {
        var charge = Requested();
        charge.Reconcile(Facts("succeeded"), "webhook", "evt_1", T0);
        charge.MarkCommitted(2);

        Assert.Equal(Transition.Stale, charge.Reconcile(Facts("failed", reason: "insufficient_funds"), "webhook", "evt_2", T0.AddSeconds(1)));

        var ignored = Assert.IsType<ChargeUpdateIgnored>(Assert.Single(charge.Changes));
        Assert.Equal("evt_2", ignored.FintocEventId);
        Assert.Equal(ChargeStatus.Succeeded, charge.State.Status);
        Assert.Null(charge.State.FailureReason);
    }

    [Theory]
    [InlineData("failed", "insufficient_funds", "insufficient_funds")]
    [InlineData("rejected", null, "rejected")]
    [InlineData("expired", null, "expired")]
    public void A_failure_ends_failed_with_fintocs_reason_or_else_its_status(string status, string? reason, string expected)
    {
        var charge = Requested();

        charge.Reconcile(Facts(status, reason: reason), "webhook", "evt_1", T0);

        Assert.Equal(ChargeStatus.Failed, charge.State.Status);
        Assert.Equal(expected, charge.State.FailureReason);
    }

    [Theory]
    [InlineData(15_000_000, "CLP", "cus_F1", "pm_F1", "amount")]
    [InlineData(150_000, "MXN", "cus_F1", "pm_F1", "currency")]
    [InlineData(150_000, "CLP", "cus_other", "pm_F1", "customer")]
    [InlineData(150_000, "CLP", "cus_F1", "pm_other", "payment_method")]
    public void An_object_that_differs_from_the_request_is_flagged_once_and_not_settled(long amount, string currency, string customer, string method, string field)
    {
        var charge = Requested();
        var facts = new FintocChargeFacts("pi_1", "succeeded", amount, currency, customer, method, null, null);

        Assert.Equal(Transition.Applied, charge.Reconcile(facts, "webhook", "evt_1", T0));
        var mismatch = Assert.IsType<ChargeMismatchDetected>(Assert.Single(charge.Changes));
        charge.MarkCommitted(1);

        Assert.Equal([field], mismatch.Fields);
        Assert.Equal(ChargeStatus.Pending, charge.State.Status);
        Assert.Equal(Transition.AlreadyApplied, charge.Reconcile(facts, "janitor", null, T0.AddMinutes(1)));
        Assert.Empty(charge.Changes);
    }

    [Fact]
    public void A_second_fintoc_object_for_one_charge_is_a_mismatch()
    {
        var charge = Requested();
        charge.Reconcile(Facts("created"), "submission", null, T0);
        charge.MarkCommitted(1);

        charge.Reconcile(Facts("succeeded", id: "pi_2"), "webhook", "evt_9", T0.AddSeconds(5));

        Assert.Equal(["fintoc_id"], Assert.IsType<ChargeMismatchDetected>(Assert.Single(charge.Changes)).Fields);
        Assert.Equal(ChargeStatus.Pending, charge.State.Status);
    }

    [Fact]
    public void Any_order_of_the_answer_the_webhook_a_reread_and_their_repeats_converges_to_one_success()
    {
        var facts = new (FintocChargeFacts Facts, string Source, string? EventId)[]
        {
            (Facts("created"), "submission", null),
            (Facts("succeeded"), "webhook", "evt_1"),
            (Facts("succeeded"), "janitor", null),
            (Facts("succeeded"), "webhook", "evt_1"),
            (Facts("created"), "submission", null),
        };

        foreach (var order in Permutations(Enumerable.Range(0, facts.Length).ToList()))
        {
            var charge = Requested();
            var recorded = new List<IDomainEvent>();
            foreach (var index in order)
            {
                charge.Reconcile(facts[index].Facts, facts[index].Source, facts[index].EventId, T0.AddSeconds(index));
                recorded.AddRange(charge.Changes);
                charge.MarkCommitted(charge.OriginalRevision + charge.Changes.Count);
            }

            Assert.Equal(ChargeStatus.Succeeded, charge.State.Status);
            Assert.Equal("pi_1", charge.State.FintocId);
            Assert.Single(recorded.OfType<ChargeSubmitted>());
            Assert.Single(recorded.OfType<ChargeSucceeded>());
            Assert.Empty(recorded.OfType<ChargeUpdateIgnored>());
        }
    }

    [Fact]
    public void A_refused_submission_fails_the_charge_with_fintocs_code_once()
    {
        var charge = Requested();

        Assert.Equal(Transition.Applied, charge.RefuseSubmission("payment_method_not_active", T0));
        charge.MarkCommitted(1);

        Assert.Equal(ChargeStatus.Failed, charge.State.Status);
        Assert.Equal("payment_method_not_active", charge.State.FailureReason);
        Assert.Equal(Transition.AlreadyApplied, charge.RefuseSubmission("payment_method_not_active", T0));
        Assert.Equal(Transition.Stale, charge.RecordSubmissionAttemptFailed(2, "FintocTransportException", T0));
    }

    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        foreach (var item in items)
        {
            foreach (var rest in Permutations([.. items.Where(i => i != item)]))
            {
                yield return [item, .. rest];
            }
        }
    }
}
