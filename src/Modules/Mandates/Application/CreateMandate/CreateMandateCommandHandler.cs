using System.Globalization;
using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;
using ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.Modules.Mandates.Application.CreateMandate;

/// <summary>
/// Records the mandate first, then (PAC) asks Fintoc for the subscription intent with a key derived from the mandate
/// id: a crash or a timeout in between is completed by the repeat of the same request, never doubled. A payment-method
/// mandate on an active method is active at once.
/// </summary>
internal sealed class CreateMandateCommandHandler(
    IAggregateStore store,
    IFintocCustomerLinks customerLinks,
    IPaymentMethodDirectory paymentMethods,
    ISubscriptionGateway subscriptions,
    IOptions<MandatesOptions> options,
    TimeProvider timeProvider)
    : ICommandHandler<CreateMandateCommand, CreateMandateResult>
{
    public async Task<CreateMandateResult> Handle(CreateMandateCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var customerId = PublicIdKind.Customer.ParseOrNotFound(request.CustomerId);
        Guid? paymentMethodId = request.PaymentMethodId is null ? null : PublicIdKind.PaymentMethod.ParseOrNotFound(request.PaymentMethodId);
        var created = ToEvent(request, customerId, paymentMethodId, now);
        var stream = MandateStreams.Mandate(created.MandateId);

        var mandate = await store.LoadAsync<Mandate>(stream, cancellationToken);
        if (mandate.State.Exists)
        {
            if (!IsSameRequest(mandate.State.Created!, created))
            {
                throw new ConflictException(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with different parameters.",
                    new Dictionary<string, string> { ["existing_mandate_id"] = PublicIdKind.Mandate.Format(created.MandateId) });
            }

            // A repeat after a crash or timeout before the subscription intent was recorded finishes the job.
            await EnsureAuthorizationStartedAsync(mandate, stream, now, cancellationToken);
            return new CreateMandateResult(mandate.ToDto(options.Value.AuthorizationUrlTemplate), Created: false);
        }

        _ = await customerLinks.EnsureLinkedAsync(customerId, cancellationToken)
            ?? throw new DomainRuleViolation("unknown_customer", $"No customer {request.CustomerId} is registered.", "customer_id");
        mandate.Create(created);
        if (paymentMethodId is { } methodId)
        {
            var method = await paymentMethods.FindAsync(methodId, cancellationToken);
            EnsureChargeable(method, request.PaymentMethodId!, customerId, created.Currency);
            mandate.Activate(now);
        }

        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        await EnsureAuthorizationStartedAsync(mandate, stream, now, cancellationToken);
        return new CreateMandateResult(mandate.ToDto(options.Value.AuthorizationUrlTemplate), Created: true);
    }

    private async Task EnsureAuthorizationStartedAsync(Mandate mandate, string stream, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (mandate.State.Instrument != Instruments.PacSubscription || mandate.State.SubscriptionIntentId is not null || mandate.State.Status != MandateStatus.PendingAuthorization)
        {
            return;
        }

        var intent = await subscriptions.CreateIntentAsync(mandate.State.Id, mandate.State.ReferenceId, MandateStreams.SubscriptionIntentKey(mandate.State.Id), cancellationToken);
        var claim = await store.LoadAsync<FintocReferenceClaim>(MandateStreams.FintocReference(intent.SubscriptionIntentId), cancellationToken);
        claim.Claim(intent.SubscriptionIntentId, mandate.State.Id, now);
        await store.StoreAsync(MandateStreams.FintocReference(intent.SubscriptionIntentId), claim, cancellationToken: cancellationToken);
        mandate.StartAuthorization(intent.SubscriptionIntentId, intent.WidgetToken, now);
        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
    }

    private static MandateCreated ToEvent(CreateMandateCommand request, Guid customerId, Guid? paymentMethodId, DateTimeOffset now)
    {
        var mandateId = request.IdempotencyKey is { } key ? MandateStreams.MandateIdFor(key) : Guid.CreateVersion7(now);
        var weekly = request.Frequency == "weekly";
        var day = weekly || request.DayOfMonth == "last" ? Schedule.LastDayOfMonth : int.Parse(request.DayOfMonth!, CultureInfo.InvariantCulture);
        return new MandateCreated(
            mandateId,
            customerId,
            request.InstrumentType!,
            paymentMethodId,
            request.Amount!.Value,
            request.Currency!,
            request.Frequency!,
            day,
            weekly ? request.Weekday : null,
            request.StartDate!.Value,
            request.ReferenceId,
            request.MaxAttempts ?? DunningPolicy.DefaultMaxAttempts,
            request.RetryAfterBusinessDays ?? DunningPolicy.DefaultRetryAfterBusinessDays,
            request.IdempotencyKey,
            now);
    }

    private static bool IsSameRequest(MandateCreated stored, MandateCreated repeat) =>
        stored with { CreatedAt = repeat.CreatedAt } == repeat;

    private static void EnsureChargeable(PublishedPaymentMethod? method, string publicId, Guid customerId, string currency)
    {
        if (method is null || method.CustomerId != customerId)
        {
            // Said the same way for another customer's method: a customer never learns about another's methods.
            throw new DomainRuleViolation("unknown_payment_method", $"No payment method {publicId} exists for this customer.", "instrument.payment_method_id");
        }

        if (method.Status != "active")
        {
            throw new DomainRuleViolation("payment_method_not_active", $"Payment method {publicId} is {method.Status}; a mandate needs an active method.", "instrument.payment_method_id");
        }

        if ((method.Type == "pac" && currency != "CLP") || (method.Type == "direct_debit" && currency != "MXN")
            || (method.Currency is { } saved && !string.Equals(saved, currency, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleViolation("currency_not_supported_by_payment_method", $"Payment method {publicId} cannot be charged in {currency}.", "currency");
        }
    }
}
