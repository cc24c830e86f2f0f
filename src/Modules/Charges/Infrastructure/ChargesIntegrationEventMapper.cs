using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Integration;
using DomainEvents = ModularPayments.Modules.Charges.Domain.Charges;
using Published = ModularPayments.Modules.Charges.Contracts;

namespace ModularPayments.Modules.Charges.Infrastructure;

internal sealed class ChargesIntegrationEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(IDomainEvent domainEvent, RecordedEvent record)
    {
        switch (domainEvent)
        {
            case DomainEvents.ChargeSubmitted submitted:
                yield return new Published.ChargeSubmitted(submitted.ChargeId, submitted.FintocId, submitted.SubmittedAt);
                break;
            case DomainEvents.ChargeSucceeded succeeded:
                yield return new Published.ChargeSucceeded(
                    succeeded.ChargeId,
                    succeeded.CustomerId,
                    succeeded.PaymentMethodId,
                    succeeded.SubscriptionId,
                    succeeded.Amount,
                    succeeded.Currency,
                    succeeded.FintocId,
                    succeeded.SucceededAt);
                break;
            case DomainEvents.ChargeFailed failed:
                yield return new Published.ChargeFailed(
                    failed.ChargeId,
                    failed.CustomerId,
                    failed.PaymentMethodId,
                    failed.SubscriptionId,
                    failed.Amount,
                    failed.Currency,
                    failed.FintocId,
                    failed.Reason,
                    failed.FailedAt);
                break;
        }
    }
}
