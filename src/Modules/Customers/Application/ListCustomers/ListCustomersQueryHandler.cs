using System.Globalization;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Application.ListCustomers;

internal sealed class ListCustomersQueryHandler(ICustomerReadModel readModel) : IQueryHandler<ListCustomersQuery, CustomerPage>
{
    public async Task<CustomerPage> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        var filter = new CustomerFilter(
            NormalizeTaxId(request.TaxId),
            string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant(),
            request.Limit is null ? ListCustomersQuery.DefaultLimit : int.Parse(request.Limit, CultureInfo.InvariantCulture),
            request.StartingAfter is null ? null : PublicIdKind.Customer.TryParse(request.StartingAfter, out var cursor) ? cursor : Guid.Parse(request.StartingAfter));

        return await readModel.ListAsync(filter, cancellationToken)
            ?? throw new DomainRuleViolation("invalid_cursor", "starting_after names no customer.", "starting_after");
    }

    /// <summary>A RUT matches whichever way it is written; anything else is compared uppercase, as RFCs are stored.</summary>
    private static string? NormalizeTaxId(string? taxId)
    {
        if (string.IsNullOrWhiteSpace(taxId))
        {
            return null;
        }

        return ChileanRut.TryNormalize(taxId, out var rut, out _) ? rut : taxId.Trim().ToUpperInvariant();
    }
}
