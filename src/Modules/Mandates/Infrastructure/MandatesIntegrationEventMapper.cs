using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.Modules.Mandates.Domain.Mandates;
using Published = ModularPayments.Modules.Mandates.Contracts;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>The mandate facts merchants see in the event feed: activation, end, and each settled period.</summary>
internal sealed class MandatesIntegrationEventMapper : IIntegrationEventMapper
{
    public IEnumerable<object> Map(IDomainEvent domainEvent, RecordedEvent record)
    {
        switch (domainEvent)
        {
            case MandateActivated activated:
                yield return new Published.MandateActivated(activated.MandateId, activated.ActivatedAt, Known(activated.CustomerId));
                break;
            case MandateCanceled canceled:
                yield return new Published.MandateEnded(canceled.MandateId, "canceled", canceled.Reason, canceled.CanceledAt, Known(canceled.CustomerId));
                break;
            case MandateRevoked revoked:
                yield return new Published.MandateEnded(revoked.MandateId, "revoked", revoked.Reason, revoked.RevokedAt, Known(revoked.CustomerId));
                break;
            case MandateAuthorizationFailed failed:
                yield return new Published.MandateEnded(failed.MandateId, "failed", failed.Reason, failed.FailedAt, Known(failed.CustomerId));
                break;
            case MandateChargeSucceeded succeeded:
                yield return new Published.MandatePeriodSettled(succeeded.MandateId, succeeded.Period, "succeeded", succeeded.Attempt, null, succeeded.SucceededAt, Known(succeeded.CustomerId), succeeded.ChargeId);
                break;
            case MandateChargeFailed failed when failed.Decision != MandateDecisions.Retry:
                yield return new Published.MandatePeriodSettled(failed.MandateId, failed.Period, "failed", failed.Attempt, failed.Reason, failed.FailedAt, Known(failed.CustomerId), failed.ChargeId);
                break;
        }
    }

    private static Guid? Known(Guid customerId) => customerId == Guid.Empty ? null : customerId;
}
