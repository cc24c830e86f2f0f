using MediatR;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Application.SettleCharge;
using ModularPayments.Modules.Charges.Application.SubmitCharge;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.RefreshCharge;

/// <summary>
/// Sends the same commands the submitter and the webhook translators send, so a refresh racing either converges
/// exactly as two deliveries of one webhook do.
/// </summary>
internal sealed class RefreshChargeCommandHandler(IAggregateStore store, IChargeGateway gateway, IMediator mediator)
    : ICommandHandler<RefreshChargeCommand, ChargeDto>
{
    public const string Source = "janitor";

    public async Task<ChargeDto> Handle(RefreshChargeCommand request, CancellationToken cancellationToken)
    {
        var charge = await LoadAsync(request.ChargeId, cancellationToken);
        if (charge.State.IsFinal)
        {
            return charge.State.ToDto();
        }

        if (charge.State.FintocId is not { } fintocId)
        {
            return await mediator.Send(new SubmitChargeCommand(request.ChargeId), cancellationToken);
        }

        var snapshot = await gateway.GetAsync(charge.State.Kind, fintocId, cancellationToken);
        await mediator.Send(new SettleChargeCommand(snapshot with { ChargeReference = PublicIdKind.Charge.Format(request.ChargeId) }, Source, null, null), cancellationToken);
        return (await LoadAsync(request.ChargeId, cancellationToken)).State.ToDto();
    }

    private async Task<Charge> LoadAsync(Guid chargeId, CancellationToken cancellationToken)
    {
        var charge = await store.LoadAsync<Charge>(ChargeStreams.Charge(chargeId), cancellationToken);
        return charge.State.Exists
            ? charge
            : throw new NotFoundException(PublicIdKind.Charge.Resource, PublicIdKind.Charge.Format(chargeId));
    }
}
