using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Application;

/// <summary>Stream names of the Customers module. Other modules never read them.</summary>
public static class CustomerStreams
{
    public const string CustomerPrefix = "customers.customer-";

    public static string Customer(Guid customerId) => CustomerPrefix + customerId.ToString("N");

    public static string TaxIdClaim(TaxId taxId)
    {
        ArgumentNullException.ThrowIfNull(taxId);
        return $"customers.tax_id-{taxId.Type.ToWire()}-{taxId.Value}";
    }
}
