using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;

internal sealed class RecordChargeOutcomeCommandHandler(IAggregateStore store) : ICommandHandler<RecordChargeOutcomeCommand, bool>
{
    public async Task<bool> Handle(RecordChargeOutcomeCommand request, CancellationToken cancellationToken)
    {
        if (await MandateOfCharge.LoadAsync(store, request.ChargeId, cancellationToken) is not { } owner)
        {
            return false;
        }

        var (stream, mandate) = owner;

        mandate.RecordChargeOutcome(request.ChargeId, request.Succeeded, request.Reason, request.At);
        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        return true;
    }
}
