using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.SubmitCharge;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Infrastructure;

/// <summary>
/// Submits every requested charge to Fintoc, from the event store: a charge recorded just before a crash is submitted
/// after the restart. At least once, and harmless to repeat (Fintoc's Idempotency-Key is derived from the charge id,
/// and a submitted charge is skipped). A submission without an answer is recorded on the charge, retried, then
/// parked; the janitor picks parked ones up after <c>Charges:PendingTimeout</c>. A charge this instance's submission
/// workers hold is theirs: the reactor waits for them and only submits it itself when they did not.
/// </summary>
internal sealed class ChargeSubmitter(IServiceScopeFactory scopes, IChargeSubmissionQueue workers) : IReactor
{
    public const string ReactorName = "charges-submitter";

    public string Name => ReactorName;

    public bool Wants(ReactorEvent reactorEvent) => reactorEvent?.Event is ChargeRequested;

    public string SubjectOf(ReactorEvent reactorEvent) => ChargeIdOf(reactorEvent).ToString("N");

    public async Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken)
    {
        if (await workers.WaitForWorkersAsync(ChargeIdOf(reactorEvent), cancellationToken))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SubmitChargeCommand(ChargeIdOf(reactorEvent)), cancellationToken);
    }

    public async Task OnAttemptFailedAsync(ReactorEvent reactorEvent, ReactionFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await using var scope = scopes.CreateAsyncScope();
        // The error type only: exception messages of the HTTP stack may carry request details.
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordSubmissionFailureCommand(ChargeIdOf(reactorEvent), failure.Attempt, failure.ErrorType), cancellationToken);
    }

    private static Guid ChargeIdOf(ReactorEvent reactorEvent) =>
        (reactorEvent?.Event as ChargeRequested)?.ChargeId ?? throw new InvalidOperationException("The charges submitter only reacts to ChargeRequested.");
}
