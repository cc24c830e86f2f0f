using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;

internal sealed class RecordChargeOutcomeCommandHandler(IAggregateStore store) : ICommandHandler<RecordChargeOutcomeCommand, bool>
{
    public async Task<bool> Handle(RecordChargeOutcomeCommand request, CancellationToken cancellationToken)
    {
        var claim = await store.LoadAsync<MandateChargeClaim>(MandateStreams.Charge(request.ChargeId), cancellationToken);
        if (claim.State.MandateId is not { } mandateId)
        {
            return false;
        }

        var stream = MandateStreams.Mandate(mandateId);
        var mandate = await store.LoadAsync<Mandate>(stream, cancellationToken);
        mandate.RecordChargeOutcome(request.ChargeId, request.Succeeded, request.Reason, request.At);
        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        return true;
    }
}
