using System.Globalization;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.GetChargeTimeline;

internal sealed class GetChargeTimelineQueryHandler(IAggregateStore store) : IQueryHandler<GetChargeTimelineQuery, IReadOnlyList<ChargeTimelineEntry>>
{
    public async Task<IReadOnlyList<ChargeTimelineEntry>> Handle(GetChargeTimelineQuery request, CancellationToken cancellationToken)
    {
        var timeline = await store.LoadAsync<ChargeTimeline>(ChargeStreams.Charge(request.ChargeId), cancellationToken);
        if (timeline.IsNew)
        {
            throw new NotFoundException(PublicIdKind.Charge.Resource, PublicIdKind.Charge.Format(request.ChargeId));
        }

        return [.. timeline.State.Events.Select((domainEvent, index) => Entry(index + 1, domainEvent)).OfType<ChargeTimelineEntry>()];
    }

    private static ChargeTimelineEntry? Entry(int step, IDomainEvent domainEvent) => domainEvent switch
    {
        ChargeRequested e => new(step, "requested", e.RequestedAt, null, null, null, null, e.IdempotencyKey,
            string.Create(CultureInfo.InvariantCulture, $"{e.Kind} of {e.Amount} {e.Currency}")),
        ChargeSubmissionAttemptFailed e => new(step, "submission_attempt_failed", e.FailedAt, "submission", null, null, null, null,
            string.Create(CultureInfo.InvariantCulture, $"attempt {e.Attempt}: {e.Error}")),
        ChargeSubmitted e => new(step, "submitted", e.SubmittedAt, e.Source, e.FintocId, e.FintocStatus, e.FintocEventId, null, null),
        ChargeSucceeded e => new(step, "succeeded", e.SucceededAt, e.Source, e.FintocId, "succeeded", e.FintocEventId, null, null),
        ChargeFailed e => new(step, "failed", e.FailedAt, e.Source, e.FintocId, null, e.FintocEventId, null, e.Reason),
        ChargeMismatchDetected e => new(step, "mismatch_detected", e.DetectedAt, e.Source, e.FintocId, e.FintocStatus, e.FintocEventId, null, e.Detail),
        ChargeUpdateIgnored e => new(step, "update_ignored", e.IgnoredAt, e.Source, e.FintocId, e.FintocStatus, e.FintocEventId, null, e.Reason),
        _ => null,
    };
}
