using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.SubmitCharge;

internal sealed class RecordSubmissionFailureCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<RecordSubmissionFailureCommand, bool>
{
    public async Task<bool> Handle(RecordSubmissionFailureCommand request, CancellationToken cancellationToken)
    {
        var stream = ChargeStreams.Charge(request.ChargeId);
        var charge = await store.LoadAsync<Domain.Charges.Charge>(stream, cancellationToken);
        if (!charge.State.Exists)
        {
            return false;
        }

        var step = charge.RecordSubmissionAttemptFailed(request.Attempt, request.Error, timeProvider.GetUtcNow());
        await store.StoreAsync(stream, charge, cancellationToken: cancellationToken);
        return step == Domain.Transition.Applied;
    }
}
