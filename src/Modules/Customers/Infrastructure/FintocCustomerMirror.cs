using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Errors;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Modules.Customers.Application;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Infrastructure;

internal sealed class FintocCustomerMirror(IFintocClient fintoc) : IFintocCustomerMirror
{
    public const string CustomerIdMetadataKey = "mp_customer_id";

    public async Task<string> CreateOrFindAsync(CustomerToMirror customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var taxId = customer.TaxIdType is { } type && customer.TaxIdValue is { } value ? new FintocTaxId(type, TaxId.Display(type, value)) : null;
        var request = new CreateCustomerRequest(
            customer.Name,
            customer.Email,
            taxId,
            Metadata: new Dictionary<string, string> { [CustomerIdMetadataKey] = customer.CustomerId.ToString("N") });
        try
        {
            var created = await fintoc.Customers.CreateAsync(request, IdempotencyKeyFor(customer.CustomerId), cancellationToken);
            return created.Id;
        }
        catch (FintocApiException conflict) when (conflict.IsConflict && taxId is not null)
        {
            // Fintoc already has a customer with this tax id (created elsewhere): link to it instead of failing.
            await foreach (var existing in fintoc.Customers.ListAsync(new ListCustomersRequest(TaxId: taxId.Value, TaxIdType: taxId.Type), cancellationToken))
            {
                return existing.Id;
            }

            throw;
        }
    }

    public static string IdempotencyKeyFor(Guid customerId) => "mp-customer-" + customerId.ToString("N");
}
