using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.Modules.Charges.Contracts;
using ModularPayments.Modules.Mandates.Application.RecordChargeOutcome;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Infrastructure;

/// <summary>
/// Asks Charges for every attempt recorded on a mandate, from the log: an attempt recorded just before a crash is asked
/// for after the restart. Charges is idempotent by the derived charge id, so a repeat (two instances, a replay) asks for
/// the same charge. A request Charges refuses (the method is no longer active, the customer is gone) is recorded on
/// the mandate as that attempt's failure.
/// </summary>
internal sealed class MandateChargeRequester(IServiceScopeFactory scopes) : IReactor
{
    public const string ReactorName = "mandates-charge-requester";

    public string Name => ReactorName;

    public bool Wants(ReactorEvent reactorEvent) => reactorEvent?.Event is MandateChargeRequested;

    public string SubjectOf(ReactorEvent reactorEvent) => Requested(reactorEvent).ChargeId.ToString("N");

    public async Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken)
    {
        var requested = Requested(reactorEvent);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<IChargeRequests>().RequestAsync(
                requested.ChargeId,
                requested.CustomerId,
                requested.PaymentMethodId,
                requested.SubscriptionId,
                requested.Amount,
                requested.Currency,
                $"{PublicIdKind.Mandate.Format(requested.MandateId)} period {requested.Period} attempt {requested.Attempt}",
                cancellationToken);
        }
        catch (DomainRuleViolation refused)
        {
            await RecordRefusalAsync(scope.ServiceProvider, requested, refused.Code, reactorEvent.Record.CreatedAt, cancellationToken);
        }
        catch (ConflictException refused)
        {
            await RecordRefusalAsync(scope.ServiceProvider, requested, refused.Code, reactorEvent.Record.CreatedAt, cancellationToken);
        }
    }

    private static Task RecordRefusalAsync(IServiceProvider services, MandateChargeRequested requested, string code, DateTimeOffset at, CancellationToken cancellationToken) =>
        services.GetRequiredService<IMediator>().Send(new RecordChargeOutcomeCommand(requested.ChargeId, false, code, at), cancellationToken);

    private static MandateChargeRequested Requested(ReactorEvent reactorEvent) =>
        reactorEvent?.Event as MandateChargeRequested ?? throw new InvalidOperationException("The charge requester only reacts to MandateChargeRequested.");
}
