using MediatR;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Application.RequestCharge;
using ModularPayments.Modules.Charges.Contracts;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>Charges' implementation of its published <see cref="IChargeRequests"/>: the same command as <c>POST /v1/charges</c>.</summary>
internal sealed class ChargeRequests(IMediator mediator) : IChargeRequests
{
    public async Task RequestAsync(
        Guid chargeId,
        Guid customerId,
        Guid? paymentMethodId,
        string? subscriptionId,
        long amount,
        string currency,
        string? description,
        CancellationToken cancellationToken)
    {
        if (chargeId == Guid.Empty)
        {
            throw new ArgumentException("The caller chooses the charge id; it cannot be empty.", nameof(chargeId));
        }

        await mediator.Send(
            new RequestChargeCommand(
                PublicIdKind.Customer.Format(customerId),
                paymentMethodId is { } methodId ? PublicIdKind.PaymentMethod.Format(methodId) : null,
                subscriptionId,
                amount,
                currency,
                description,
                null,
                null,
                chargeId),
            cancellationToken);
    }
}
