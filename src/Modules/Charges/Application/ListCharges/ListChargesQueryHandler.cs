using System.Globalization;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Charges.Application.ListCharges;

internal sealed class ListChargesQueryHandler(IChargeReadModel readModel) : IQueryHandler<ListChargesQuery, ChargePage>
{
    public async Task<ChargePage> Handle(ListChargesQuery request, CancellationToken cancellationToken)
    {
        var filter = new ChargeFilter(
            PublicIdKind.Customer.TryParse(request.CustomerId, out var customerId) ? customerId : null,
            PublicIdKind.PaymentMethod.TryParse(request.PaymentMethodId, out var methodId) ? methodId : null,
            request.Status,
            ListChargesQueryValidator.TryParseInstant(request.CreatedAfter, out var after) ? after : null,
            ListChargesQueryValidator.TryParseInstant(request.CreatedBefore, out var before) ? before : null,
            request.Limit is null ? ListChargesQuery.DefaultLimit : int.Parse(request.Limit, CultureInfo.InvariantCulture),
            PublicIdKind.Charge.TryParse(request.StartingAfter, out var cursor) ? cursor : null);

        return await readModel.ListAsync(filter, cancellationToken)
            ?? throw new DomainRuleViolation("invalid_cursor", "starting_after names no charge.", "starting_after");
    }
}
