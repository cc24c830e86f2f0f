using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.RunBilling;

/// <summary>
/// Records the mandate's next attempt if it is due now (the requester reactor then asks Charges). The charge is claimed
/// first and the attempt is appended at the revision the mandate was read at: two instances, a restart or a replay
/// record it once. Returns whether an attempt was recorded.
/// </summary>
public sealed record RequestDueChargeCommand(Guid MandateId) : ICommand<bool>;

internal sealed class RequestDueChargeCommandHandler(IAggregateStore store, TimeProvider timeProvider) : ICommandHandler<RequestDueChargeCommand, bool>
{
    public async Task<bool> Handle(RequestDueChargeCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stream = MandateStreams.Mandate(request.MandateId);
        var mandate = await store.LoadAsync<Domain.Mandates.Mandate>(stream, cancellationToken);
        if (!mandate.State.Exists || mandate.RequestDueCharge((period, attempt) => MandateStreams.ChargeIdFor(request.MandateId, period, attempt), now) is not { } requested)
        {
            return false;
        }

        var claimStream = MandateStreams.Charge(requested.ChargeId);
        var claim = await store.LoadAsync<Domain.Mandates.MandateChargeClaim>(claimStream, cancellationToken);
        claim.Claim(requested.ChargeId, requested.MandateId, requested.Period, requested.Attempt, now);
        await store.StoreAsync(claimStream, claim, cancellationToken: cancellationToken);
        await store.StoreAsync(stream, mandate, cancellationToken: cancellationToken);
        return true;
    }
}
