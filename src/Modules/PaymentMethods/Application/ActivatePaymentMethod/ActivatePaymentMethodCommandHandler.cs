using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.PaymentMethods.Domain;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;

/// <summary>
/// May run before the session's <c>finished</c>: the method then ends active anyway, with the customer found from
/// Fintoc's customer id when Customers already knows it; the <c>finished</c> attaches the session later.
/// </summary>
internal sealed class ActivatePaymentMethodCommandHandler(IAggregateStore store, IFintocCustomerLinks customerLinks, TimeProvider timeProvider)
    : ICommandHandler<ActivatePaymentMethodCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(ActivatePaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var snapshot = request.Method;
        var paymentMethodId = PaymentMethodStreams.PaymentMethodIdFor(snapshot.FintocPaymentMethodId);
        var stream = PaymentMethodStreams.PaymentMethod(paymentMethodId);
        var method = await store.LoadAsync<PaymentMethod>(stream, cancellationToken);
        var subject = PublicIdKind.PaymentMethod.Format(paymentMethodId) + " activated";
        if (method.State.Status is PaymentMethodStatus.Active or PaymentMethodStatus.Canceled)
        {
            // Decided without a look-up: a repeat or a stale activation.
            return (method.State.Status == PaymentMethodStatus.Active ? Transition.AlreadyApplied : Transition.Stale).ToHandling(subject);
        }

        var customerId = method.State.CustomerId ?? await FindCustomerAsync(snapshot.FintocCustomerId, cancellationToken);
        var step = method.Activate(paymentMethodId, snapshot.FintocPaymentMethodId, snapshot.ToDetails(), customerId, snapshot.FintocCustomerId, request.OccurredAt ?? timeProvider.GetUtcNow());
        await store.StoreAsync(stream, method, cancellationToken: cancellationToken);
        return step.ToHandling(subject);
    }

    private async Task<Guid?> FindCustomerAsync(string? fintocCustomerId, CancellationToken cancellationToken) =>
        fintocCustomerId is null ? null : await customerLinks.FindByFintocCustomerIdAsync(fintocCustomerId, cancellationToken);
}
