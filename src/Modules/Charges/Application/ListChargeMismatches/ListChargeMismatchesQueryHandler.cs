using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.ListChargeMismatches;

internal sealed class ListChargeMismatchesQueryHandler(IChargeReadModel readModel) : IQueryHandler<ListChargeMismatchesQuery, ChargePage>
{
    public Task<ChargePage> Handle(ListChargeMismatchesQuery request, CancellationToken cancellationToken) =>
        readModel.ListMismatchesAsync(Math.Clamp(request.Limit, 1, 100), cancellationToken);
}
