using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Integration;
using DomainEvents = ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;
using Published = ModularPayments.Modules.PaymentMethods.Contracts;

namespace ModularPayments.Modules.PaymentMethods.Infrastructure;

internal sealed class PaymentMethodsIntegrationEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(IDomainEvent domainEvent, RecordedEvent record)
    {
        switch (domainEvent)
        {
            case DomainEvents.PaymentMethodActivated activated:
                yield return new Published.PaymentMethodActivated(
                    activated.PaymentMethodId,
                    activated.CustomerId,
                    activated.FintocPaymentMethodId,
                    activated.Type,
                    activated.ActivatedAt);
                break;
            case DomainEvents.PaymentMethodCanceled canceled:
                yield return new Published.PaymentMethodCanceled(
                    canceled.PaymentMethodId,
                    canceled.CustomerId,
                    canceled.FintocPaymentMethodId,
                    canceled.CanceledAt);
                break;
        }
    }
}
