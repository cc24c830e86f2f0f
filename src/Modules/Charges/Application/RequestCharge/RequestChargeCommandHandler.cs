using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Charges.Domain.Charges;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Mandates.Contracts;
using ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.Modules.Charges.Application.RequestCharge;

/// <summary>
/// Checks the request against the customer and the method (or the subscription), then records it: nothing else. The submitter reactor calls
/// Fintoc afterwards, so a crash or a timeout never loses a charge and never makes a second one. The charge id comes
/// from the Idempotency-Key, so concurrent repeats race for one stream ("no stream"): one wins, the others reload and
/// replay its answer.
/// </summary>
internal sealed class RequestChargeCommandHandler(
    IAggregateStore store,
    IFintocCustomerLinks customerLinks,
    IPaymentMethodDirectory paymentMethods,
    ISubscriptionDirectory subscriptions,
    IChargeSubmissionQueue submissions,
    TimeProvider timeProvider)
    : ICommandHandler<RequestChargeCommand, RequestChargeResult>
{
    public async Task<RequestChargeResult> Handle(RequestChargeCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var customerId = PublicIdKind.Customer.ParseOrNotFound(request.CustomerId);
        Guid? paymentMethodId = request.PaymentMethodId is null ? null : PublicIdKind.PaymentMethod.ParseOrNotFound(request.PaymentMethodId);
        var currency = request.Currency!.Trim().ToUpperInvariant();
        var amount = request.Amount!.Value;
        var metadata = request.Metadata ?? new Dictionary<string, string>();
        var chargeId = request.ChargeId
            ?? (request.IdempotencyKey is { } key ? ChargeStreams.ChargeIdFor(key) : Guid.CreateVersion7(now));
        var stream = ChargeStreams.Charge(chargeId);

        var charge = await store.LoadAsync<Charge>(stream, cancellationToken);
        if (charge.State.Exists)
        {
            return charge.IsSameRequest(customerId, paymentMethodId, request.SubscriptionId, amount, currency, request.Description, metadata)
                ? new RequestChargeResult(charge.State.ToRequestedDto(), Created: false)
                : throw new ConflictException(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with different parameters.",
                    new Dictionary<string, string> { ["existing_charge_id"] = PublicIdKind.Charge.Format(chargeId) });
        }

        var link = await customerLinks.EnsureLinkedAsync(customerId, cancellationToken)
            ?? throw new DomainRuleViolation("unknown_customer", $"No customer {request.CustomerId} is registered.", "customer_id");
        string? fintocPaymentMethodId = null;
        if (paymentMethodId is { } methodId)
        {
            var method = await paymentMethods.FindAsync(methodId, cancellationToken);
            fintocPaymentMethodId = EnsureChargeable(method, request.PaymentMethodId!, customerId, currency).FintocPaymentMethodId;
        }
        else
        {
            EnsureChargeable(await subscriptions.FindAsync(request.SubscriptionId!, cancellationToken), request.SubscriptionId!, customerId);
        }

        charge.Request(new ChargeRequested(
            chargeId,
            paymentMethodId is null ? ChargeKinds.SubscriptionCharge : ChargeKinds.PaymentIntent,
            customerId,
            paymentMethodId,
            request.SubscriptionId,
            paymentMethodId is null ? null : link.FintocCustomerId,
            fintocPaymentMethodId,
            amount,
            currency,
            request.Description,
            metadata,
            request.IdempotencyKey,
            now));
        // Fresh event ids on purpose: a concurrent twin must lose on the revision and replay the winner's answer,
        // not be told its own (differently timed) copy was stored.
        await store.StoreAsync(stream, charge, cancellationToken: cancellationToken);
        submissions.Enqueue(charge.State.Id);
        return new RequestChargeResult(charge.State.ToRequestedDto(), Created: true);
    }

    /// <summary>
    /// A subscription charge debits the bank account the payer authorized: it must be one authorized through a mandate
    /// of this customer, or a mistyped id would charge another customer's account and file it under this one.
    /// </summary>
    private static void EnsureChargeable(PublishedSubscription? subscription, string subscriptionId, Guid customerId)
    {
        if (subscription is null || subscription.CustomerId != customerId)
        {
            throw new DomainRuleViolation("unknown_subscription", $"No subscription {subscriptionId} was authorized through a mandate of this customer.", "subscription_id");
        }

        if (subscription.HasEnded)
        {
            throw new DomainRuleViolation("subscription_not_active", $"Subscription {subscriptionId} belongs to a mandate that is {subscription.MandateStatus}; it can no longer be charged.", "subscription_id");
        }
    }

    private static PublishedPaymentMethod EnsureChargeable(PublishedPaymentMethod? method, string publicId, Guid customerId, string currency)
    {
        if (method is null)
        {
            throw new DomainRuleViolation("unknown_payment_method", $"No payment method {publicId} exists.", "payment_method_id");
        }

        if (method.CustomerId != customerId)
        {
            // Said the same way as an unknown method: a merchant's customer never learns about another customer's methods.
            throw new DomainRuleViolation("unknown_payment_method", $"No payment method {publicId} exists for this customer.", "payment_method_id");
        }

        if (method.Status != "active")
        {
            throw new DomainRuleViolation("payment_method_not_active", $"Payment method {publicId} is {method.Status}; only active methods can be charged.", "payment_method_id");
        }

        if (method.Type == "pac" && currency != "CLP")
        {
            throw new DomainRuleViolation("currency_not_supported_by_payment_method", "A PAC (bank account) method is charged in CLP only.", "currency");
        }

        if (method.Type == "direct_debit" && currency != "MXN")
        {
            throw new DomainRuleViolation("currency_not_supported_by_payment_method", "A direct_debit method is charged in MXN only.", "currency");
        }

        if (method.Currency is { } setupCurrency && !string.Equals(setupCurrency, currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainRuleViolation("currency_not_supported_by_payment_method", $"This payment method was saved for {setupCurrency}.", "currency");
        }

        return method;
    }
}
