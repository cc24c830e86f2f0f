using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.GetCharge;

/// <summary>Read from the charge's own stream, not the projection: right after the 202 the charge is already there.</summary>
internal sealed class GetChargeQueryHandler(IAggregateStore store) : IQueryHandler<GetChargeQuery, ChargeDto>
{
    public async Task<ChargeDto> Handle(GetChargeQuery request, CancellationToken cancellationToken)
    {
        var charge = await store.LoadAsync<Charge>(ChargeStreams.Charge(request.ChargeId), cancellationToken);
        return charge.State.Exists
            ? charge.State.ToDto()
            : throw new NotFoundException(PublicIdKind.Charge.Resource, PublicIdKind.Charge.Format(request.ChargeId));
    }
}
