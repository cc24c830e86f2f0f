using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Customers.Contracts;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;

internal sealed class CancelPaymentMethodCommandHandler(IAggregateStore store, IFintocCustomerLinks customerLinks, TimeProvider timeProvider)
    : ICommandHandler<CancelPaymentMethodCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(CancelPaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var paymentMethodId = PaymentMethodStreams.PaymentMethodIdFor(request.FintocPaymentMethodId);
        var stream = PaymentMethodStreams.PaymentMethod(paymentMethodId);
        var method = await store.LoadAsync<PaymentMethod>(stream, cancellationToken);
        var customerId = method.State.CustomerId
            ?? (request.FintocCustomerId is null || method.State.Status == PaymentMethodStatus.Canceled
                ? null
                : await customerLinks.FindByFintocCustomerIdAsync(request.FintocCustomerId, cancellationToken));
        var step = method.Cancel(paymentMethodId, request.FintocPaymentMethodId, customerId, request.FintocCustomerId, request.OccurredAt ?? timeProvider.GetUtcNow());
        await store.StoreAsync(stream, method, cancellationToken: cancellationToken);
        return step.ToHandling(PublicIdKind.PaymentMethod.Format(paymentMethodId) + " canceled");
    }
}
