using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain;

namespace ModularPayments.Modules.Mandates.Application.RecordChargeSubmission;

internal sealed class RecordChargeSubmissionCommandHandler(IAggregateStore store) : ICommandHandler<RecordChargeSubmissionCommand, bool>
{
    public async Task<bool> Handle(RecordChargeSubmissionCommand request, CancellationToken cancellationToken)
    {
        if (await MandateOfCharge.LoadAsync(store, request.ChargeId, cancellationToken) is not { } owner)
        {
            return false;
        }

        var (stream, mandate) = owner;

        if (mandate.RecordChargeSubmission(request.ChargeId, request.SubmittedAt) == Transition.Applied)
        {
            await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        }

        return true;
    }
}
