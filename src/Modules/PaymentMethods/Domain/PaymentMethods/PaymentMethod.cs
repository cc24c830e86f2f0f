using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

/// <summary>
/// A payment method Fintoc saved for one of our customers. One stream per Fintoc method id (our id is derived from
/// it), so the session's <c>finished</c> and the method's <c>activated</c>/<c>canceled</c> land on the same stream in
/// whatever order they arrive. Status only moves forward: Pending → Active → Canceled.
/// </summary>
public sealed class PaymentMethod : Aggregate<PaymentMethodState>
{
    /// <summary>The setup session that saved this method finished: attach the session and its customer.</summary>
    public Transition RecordFromSession(Guid paymentMethodId, string fintocPaymentMethodId, Guid setupSessionId, Guid customerId, string? fintocCustomerId, DateTimeOffset at)
    {
        EnsureSameMethod(paymentMethodId, fintocPaymentMethodId);
        if (State.SetupSessionId is { } known)
        {
            return known == setupSessionId ? Transition.AlreadyApplied : Transition.Stale;
        }

        Apply(new PaymentMethodRecorded(paymentMethodId, fintocPaymentMethodId, setupSessionId, customerId, fintocCustomerId, at));
        return Transition.Applied;
    }

    public Transition Activate(Guid paymentMethodId, string fintocPaymentMethodId, PaymentMethodDetails details, Guid? customerId, string? fintocCustomerId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureSameMethod(paymentMethodId, fintocPaymentMethodId);
        switch (State.Status)
        {
            case PaymentMethodStatus.Active:
                return Transition.AlreadyApplied;
            case PaymentMethodStatus.Canceled:
                return Transition.Stale;
        }

        Apply(new PaymentMethodActivated(
            paymentMethodId,
            fintocPaymentMethodId,
            details.Type,
            State.CustomerId ?? customerId,
            State.FintocCustomerId ?? fintocCustomerId,
            details.InstitutionId,
            details.InstitutionName,
            details.InstitutionCountry,
            details.AccountType,
            details.AccountLast4,
            details.CardBrand,
            details.CardLast4,
            at));
        return Transition.Applied;
    }

    /// <summary>Unusable for good; a later <c>activated</c> is stale.</summary>
    public Transition Cancel(Guid paymentMethodId, string fintocPaymentMethodId, Guid? customerId, string? fintocCustomerId, DateTimeOffset at)
    {
        EnsureSameMethod(paymentMethodId, fintocPaymentMethodId);
        if (State.Status == PaymentMethodStatus.Canceled)
        {
            return Transition.AlreadyApplied;
        }

        Apply(new PaymentMethodCanceled(paymentMethodId, fintocPaymentMethodId, State.CustomerId ?? customerId, State.FintocCustomerId ?? fintocCustomerId, at));
        return Transition.Applied;
    }

    private void EnsureSameMethod(Guid paymentMethodId, string fintocPaymentMethodId)
    {
        Guard.Against.MissingValue(fintocPaymentMethodId, "payment_method");
        if (paymentMethodId == Guid.Empty)
        {
            throw new DomainRuleViolation("invalid_payment_method_id", "A payment method id cannot be empty.");
        }

        if (State.Status != PaymentMethodStatus.None && (State.Id != paymentMethodId || State.FintocPaymentMethodId != fintocPaymentMethodId))
        {
            throw new DomainRuleViolation("payment_method_mismatch", $"Stream of payment method {State.Id} was given {fintocPaymentMethodId}.");
        }
    }
}
