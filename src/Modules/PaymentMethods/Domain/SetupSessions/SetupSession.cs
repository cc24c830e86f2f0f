using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

/// <summary>
/// A request to save a customer's payment method through a Fintoc Checkout Session (<c>flow: setup</c>). Its status
/// only moves forward (Requested → Open → Finished or Expired); facts may arrive in any order and twice.
/// </summary>
public sealed class SetupSession : Aggregate<SetupSessionState>
{
    public void Request(
        Guid setupSessionId,
        Guid customerId,
        string fintocCustomerId,
        string currency,
        IReadOnlyList<string> paymentMethodTypes,
        string successUrl,
        string cancelUrl,
        IReadOnlyDictionary<string, string> metadata,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paymentMethodTypes);
        ArgumentNullException.ThrowIfNull(metadata);
        if (State.Exists)
        {
            throw new DomainRuleViolation("setup_session_already_requested", $"Setup session {State.Id} already exists.");
        }

        if (setupSessionId == Guid.Empty || customerId == Guid.Empty)
        {
            throw new DomainRuleViolation("invalid_id", "A setup session needs its own id and a customer id.");
        }

        var code = Currency.FromCode(currency).Code;
        foreach (var type in paymentMethodTypes)
        {
            if (!PaymentMethodTypes.IsKnown(type) || !PaymentMethodTypes.WorksWith(type, code))
            {
                throw new DomainRuleViolation("unsupported_payment_method_type", $"Payment method type '{type}' cannot be used with {code}.", "payment_method_types");
            }
        }

        Apply(new SetupSessionRequested(
            setupSessionId,
            customerId,
            Guard.Against.MissingValue(fintocCustomerId, "fintoc_customer_id"),
            code,
            [.. paymentMethodTypes.Distinct(StringComparer.Ordinal)],
            Guard.Against.MissingValue(successUrl, "success_url"),
            Guard.Against.MissingValue(cancelUrl, "cancel_url"),
            new Dictionary<string, string>(metadata, StringComparer.Ordinal),
            now));
    }

    /// <summary>Whether a repeated request (same idempotency key) asks for exactly what is stored.</summary>
    public bool IsSameRequest(Guid customerId, string currency, IReadOnlyList<string> paymentMethodTypes, string successUrl, string cancelUrl, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(paymentMethodTypes);
        ArgumentNullException.ThrowIfNull(metadata);
        var requestedTypes = new HashSet<string>(paymentMethodTypes, StringComparer.Ordinal);
        return State.Exists
            && State.CustomerId == customerId
            && string.Equals(State.Currency, currency?.Trim(), StringComparison.OrdinalIgnoreCase)
            && State.SuccessUrl == successUrl
            && State.CancelUrl == cancelUrl
            && requestedTypes.SetEquals(State.RequestedPaymentMethodTypes)
            && State.Metadata.Count == metadata.Count
            && metadata.All(pair => State.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    /// <summary>Records Fintoc's answer to our create call.</summary>
    public Transition Open(string fintocCheckoutSessionId, string? redirectUrl, DateTimeOffset? expiresAt, IReadOnlyList<string> paymentMethodTypes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paymentMethodTypes);
        EnsureExists();
        EnsureSameFintocSession(fintocCheckoutSessionId);
        if (State.IsOpenRecorded)
        {
            return Transition.AlreadyApplied;
        }

        Apply(new SetupSessionOpened(State.Id, fintocCheckoutSessionId, redirectUrl, expiresAt, [.. paymentMethodTypes], now));
        return Transition.Applied;
    }

    /// <summary>The payer completed the enrollment: Fintoc created <paramref name="fintocPaymentMethodId"/>.</summary>
    public Transition Finish(string fintocCheckoutSessionId, Guid paymentMethodId, string fintocPaymentMethodId, DateTimeOffset at)
    {
        EnsureExists();
        EnsureSameFintocSession(fintocCheckoutSessionId);
        switch (State.Status)
        {
            case SetupSessionStatus.Finished:
                return State.FintocPaymentMethodId == fintocPaymentMethodId ? Transition.AlreadyApplied : Transition.Stale;
            case SetupSessionStatus.Expired:
                return Transition.Stale;
        }

        Apply(new SetupSessionFinished(State.Id, fintocCheckoutSessionId, paymentMethodId, Guard.Against.MissingValue(fintocPaymentMethodId, "payment_method"), at));
        return Transition.Applied;
    }

    /// <summary>The session expired before the payer completed it; the customer may start another.</summary>
    public Transition Expire(string fintocCheckoutSessionId, DateTimeOffset at)
    {
        EnsureExists();
        EnsureSameFintocSession(fintocCheckoutSessionId);
        switch (State.Status)
        {
            case SetupSessionStatus.Expired:
                return Transition.AlreadyApplied;
            case SetupSessionStatus.Finished:
                return Transition.Stale;
        }

        Apply(new SetupSessionExpired(State.Id, fintocCheckoutSessionId, at));
        return Transition.Applied;
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new DomainRuleViolation("unknown_setup_session", "No such setup session was requested.");
        }
    }

    private void EnsureSameFintocSession(string fintocCheckoutSessionId)
    {
        Guard.Against.MissingValue(fintocCheckoutSessionId, "fintoc_checkout_session_id");
        if (State.FintocCheckoutSessionId is { } known && known != fintocCheckoutSessionId)
        {
            throw new DomainRuleViolation(
                "fintoc_checkout_session_mismatch",
                $"Setup session {State.Id} belongs to Fintoc session {known}, not {fintocCheckoutSessionId}.");
        }
    }
}
