using System.Globalization;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;

internal sealed class ListPaymentMethodsQueryHandler(IPaymentMethodReadModel readModel) : IQueryHandler<ListPaymentMethodsQuery, PaymentMethodPage>
{
    public async Task<PaymentMethodPage> Handle(ListPaymentMethodsQuery request, CancellationToken cancellationToken)
    {
        var filter = new PaymentMethodFilter(
            PublicIdKind.Customer.TryParse(request.CustomerId, out var customerId) ? customerId : null,
            request.Status,
            request.Limit is null ? ListPaymentMethodsQuery.DefaultLimit : int.Parse(request.Limit, CultureInfo.InvariantCulture),
            PublicIdKind.PaymentMethod.TryParse(request.StartingAfter, out var cursor) ? cursor : null);

        return await readModel.ListAsync(filter, cancellationToken)
            ?? throw new DomainRuleViolation("invalid_cursor", "starting_after names no payment method.", "starting_after");
    }
}
