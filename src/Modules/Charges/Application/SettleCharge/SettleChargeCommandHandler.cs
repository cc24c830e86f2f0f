using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.SettleCharge;

/// <summary>
/// May run before our create call's answer is stored: the charge then learns Fintoc's id here (and claims it), and the
/// submitter's later answer changes nothing. Each delivery runs every step, so a crash between them is completed by
/// the next one, and a repeat changes nothing.
/// </summary>
internal sealed class SettleChargeCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<SettleChargeCommand, WebhookHandling>
{
    public async Task<WebhookHandling> Handle(SettleChargeCommand request, CancellationToken cancellationToken)
    {
        var snapshot = request.Snapshot;
        var locator = new ChargeLocator(store);
        var (charge, stream) = await locator.LoadAsync(snapshot.FintocId, snapshot.ChargeReference, cancellationToken);
        var at = request.OccurredAt ?? timeProvider.GetUtcNow();

        var step = charge.Reconcile(snapshot.ToFacts(), request.Source, request.FintocEventId, at);
        if (charge.State.FintocId == snapshot.FintocId)
        {
            await locator.ClaimAsync(snapshot.FintocId, charge.State.Id, at, cancellationToken);
        }

        var flagged = charge.Changes.OfType<ChargeMismatchDetected>().Any();
        await store.StoreAsync(stream, charge, cancellationToken: cancellationToken);
        var subject = $"{PublicIdKind.Charge.Format(charge.State.Id)} {(flagged ? "flagged as a mismatch" : Charge.Name(charge.State.Status))}";
        return step.ToHandling(subject);
    }
}
