using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>
/// One charge of one customer: a Payment Intent on a saved method or a v1 subscription charge. Recorded before Fintoc
/// is called; Fintoc's answer and its webhooks may arrive in any order and twice, and all converge: the status only
/// moves forward (Pending → Succeeded or Failed), a contradiction of a final state is recorded and ignored, and an
/// object that differs from what we asked is flagged as a mismatch instead of settling the charge.
/// </summary>
public sealed class Charge : Aggregate<ChargeState>
{
    public const int MaxDescriptionLength = 500;

    public void Request(ChargeRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Exists)
        {
            throw new DomainRuleViolation("charge_already_requested", $"Charge {State.Id} already exists.");
        }

        if (request.ChargeId == Guid.Empty || request.CustomerId == Guid.Empty)
        {
            throw new DomainRuleViolation("invalid_id", "A charge needs its own id and a customer id.");
        }

        var currency = Currency.FromCode(request.Currency).Code;
        Guard.Against.NotPositive(request.Amount, "amount");
        switch (request.Kind)
        {
            case ChargeKinds.PaymentIntent when request.PaymentMethodId is null || request.SubscriptionId is not null:
                throw new DomainRuleViolation("invalid_charge_target", "A payment intent charges exactly one saved payment method.", "payment_method_id");
            case ChargeKinds.PaymentIntent:
                Guard.Against.MissingValue(request.FintocCustomerId, "customer_id");
                Guard.Against.MissingValue(request.FintocPaymentMethodId, "payment_method_id");
                break;
            case ChargeKinds.SubscriptionCharge when request.PaymentMethodId is not null || string.IsNullOrWhiteSpace(request.SubscriptionId):
                throw new DomainRuleViolation("invalid_charge_target", "A subscription charge names exactly one subscription.", "subscription_id");
            case ChargeKinds.SubscriptionCharge when currency != Currency.Clp.Code:
                throw new DomainRuleViolation("unsupported_currency", "Subscription (PAC) charges are CLP only.", "currency");
            case ChargeKinds.SubscriptionCharge:
                break;
            default:
                throw new DomainRuleViolation("unknown_charge_kind", $"Charge kind '{request.Kind}' is not known.");
        }

        if (request.Description is { } description)
        {
            Guard.Against.TooLong(description, MaxDescriptionLength, "description");
        }

        Apply(request with { Currency = currency, Metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal) });
    }

    /// <summary>Whether a repeated request (same idempotency key or charge id) asks for exactly what is stored.</summary>
    public bool IsSameRequest(Guid customerId, Guid? paymentMethodId, string? subscriptionId, long amount, string currency, string? description, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return State.Exists
            && State.CustomerId == customerId
            && State.PaymentMethodId == paymentMethodId
            && State.SubscriptionId == subscriptionId
            && State.Amount == amount
            && string.Equals(State.Currency, currency?.Trim(), StringComparison.OrdinalIgnoreCase)
            && State.Description == description
            && State.Metadata.Count == metadata.Count
            && metadata.All(pair => State.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    /// <summary>A call to Fintoc that got no answer; recorded for the timeline while the charge is still unsubmitted.</summary>
    public Transition RecordSubmissionAttemptFailed(int attempt, string error, DateTimeOffset at)
    {
        EnsureExists();
        if (State.FintocId is not null || State.IsFinal)
        {
            return Transition.Stale;
        }

        Apply(new ChargeSubmissionAttemptFailed(State.Id, attempt, Guard.Against.MissingValue(error, "error"), at));
        return Transition.Applied;
    }

    /// <summary>Fintoc refused our create call (a 4xx about the request): the charge fails with Fintoc's code, no retry.</summary>
    public Transition RefuseSubmission(string code, DateTimeOffset at)
    {
        EnsureExists();
        Guard.Against.MissingValue(code, "code");
        if (State.IsFinal)
        {
            return State.Status == ChargeStatus.Failed && State.FailureReason == code ? Transition.AlreadyApplied : Transition.Stale;
        }

        if (State.FintocId is not null)
        {
            return Transition.Stale; // Fintoc already made the object: a refusal of a repeat says nothing about it.
        }

        Apply(Failed(null, code, "submission", null, at));
        return Transition.Applied;
    }

    /// <summary>
    /// Applies what Fintoc says about the charge's object (its API answer, a webhook, a re-read). Learns Fintoc's id if
    /// it is new, flags a mismatch, settles on a final status, records a contradiction of a final state.
    /// </summary>
    public Transition Reconcile(FintocChargeFacts facts, string source, string? fintocEventId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(facts);
        EnsureExists();
        Guard.Against.MissingValue(facts.FintocId, "fintoc_id");
        Guard.Against.MissingValue(source, "source");

        var fields = Differences(facts);
        if (fields.Count > 0)
        {
            var detail = Describe(facts, fields);
            if (State.MismatchDetails.Contains(detail))
            {
                return Transition.AlreadyApplied;
            }

            Apply(new ChargeMismatchDetected(State.Id, facts.FintocId, facts.Status, fields, detail, source, fintocEventId, at));
            return Transition.Applied;
        }

        var learned = false;
        if (State.FintocId is null)
        {
            Apply(new ChargeSubmitted(State.Id, facts.FintocId, facts.Status, source, fintocEventId, at));
            learned = true;
        }

        var outcome = facts.Status == FintocChargeFacts.Succeeded ? ChargeStatus.Succeeded
            : FintocChargeFacts.FailedStatuses.Contains(facts.Status) ? ChargeStatus.Failed
            : ChargeStatus.Pending;
        if (outcome == ChargeStatus.Pending)
        {
            return learned ? Transition.Applied : Transition.AlreadyApplied;
        }

        var reason = outcome == ChargeStatus.Failed ? facts.FailureReason ?? facts.Status! : null;
        if (State.IsFinal)
        {
            if (State.Status == outcome && (outcome == ChargeStatus.Succeeded || State.FailureReason == reason))
            {
                return learned ? Transition.Applied : Transition.AlreadyApplied;
            }

            Apply(new ChargeUpdateIgnored(State.Id, facts.FintocId, facts.Status, $"charge is already {Name(State.Status)}", source, fintocEventId, at));
            return Transition.Stale;
        }

        Apply(outcome == ChargeStatus.Succeeded
            ? new ChargeSucceeded(State.Id, State.CustomerId, State.PaymentMethodId, State.SubscriptionId, State.Amount, State.Currency, facts.FintocId, source, fintocEventId, at)
            : Failed(facts.FintocId, reason!, source, fintocEventId, at));
        return Transition.Applied;
    }

    public static string Name(ChargeStatus status) => status switch
    {
        ChargeStatus.Succeeded => "succeeded",
        ChargeStatus.Failed => "failed",
        _ => "pending",
    };

    private ChargeFailed Failed(string? fintocId, string reason, string source, string? fintocEventId, DateTimeOffset at) =>
        new(State.Id, State.CustomerId, State.PaymentMethodId, State.SubscriptionId, State.Amount, State.Currency, fintocId, reason, source, fintocEventId, at);

    /// <summary>Only what Fintoc actually sent is compared: a field it left out is not a difference.</summary>
    private List<string> Differences(FintocChargeFacts facts)
    {
        var fields = new List<string>();
        if (State.FintocId is { } known && known != facts.FintocId)
        {
            fields.Add("fintoc_id");
        }

        if (facts.Amount is { } amount && amount != State.Amount)
        {
            fields.Add("amount");
        }

        if (facts.Currency is { } currency && !string.Equals(currency, State.Currency, StringComparison.OrdinalIgnoreCase))
        {
            fields.Add("currency");
        }

        if (State.Kind == ChargeKinds.PaymentIntent)
        {
            if (facts.FintocCustomerId is { } customer && customer != State.FintocCustomerId)
            {
                fields.Add("customer");
            }

            if (facts.FintocPaymentMethodId is { } method && method != State.FintocPaymentMethodId)
            {
                fields.Add("payment_method");
            }
        }
        else if (facts.SubscriptionId is { } subscription && subscription != State.SubscriptionId)
        {
            fields.Add("subscription");
        }

        return fields;
    }

    private string Describe(FintocChargeFacts facts, List<string> fields) =>
        $"Fintoc {facts.FintocId} ({facts.Status ?? "no status"}) differs in " + string.Join(", ", fields.Select(field => field switch
        {
            "fintoc_id" => $"fintoc_id: charge is {State.FintocId}, Fintoc sent {facts.FintocId}",
            "amount" => $"amount: requested {State.Amount}, Fintoc has {facts.Amount}",
            "currency" => $"currency: requested {State.Currency}, Fintoc has {facts.Currency}",
            "customer" => $"customer: requested {State.FintocCustomerId}, Fintoc has {facts.FintocCustomerId}",
            "payment_method" => $"payment_method: requested {State.FintocPaymentMethodId}, Fintoc has {facts.FintocPaymentMethodId}",
            _ => $"subscription: requested {State.SubscriptionId}, Fintoc has {facts.SubscriptionId}",
        }));

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new DomainRuleViolation("unknown_charge", "No such charge was requested.");
        }
    }
}
