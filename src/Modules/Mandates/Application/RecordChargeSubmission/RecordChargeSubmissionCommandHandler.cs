using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeSubmission;

internal sealed class RecordChargeSubmissionCommandHandler(IAggregateStore store) : ICommandHandler<RecordChargeSubmissionCommand, bool>
{
    public async Task<bool> Handle(RecordChargeSubmissionCommand request, CancellationToken cancellationToken)
    {
        var claim = await store.LoadAsync<MandateChargeClaim>(MandateStreams.Charge(request.ChargeId), cancellationToken);
        if (claim.State.MandateId is not { } mandateId)
        {
            return false;
        }

        var stream = MandateStreams.Mandate(mandateId);
        var mandate = await store.LoadAsync<Mandate>(stream, cancellationToken);
        if (mandate.RecordChargeSubmission(request.ChargeId, request.SubmittedAt) == Transition.Applied)
        {
            await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        }

        return true;
    }
}
