namespace ModularPayments.Modules.Customers.Domain.TaxIds;

public enum TaxIdType
{
    /// <summary>Chile's Rol Único Tributario.</summary>
    ClRut,

    /// <summary>Mexico's Registro Federal de Contribuyentes.</summary>
    MxRfc,
}

public static class TaxIdTypeNames
{
    public const string ClRut = "cl_rut";
    public const string MxRfc = "mx_rfc";

    public static string ToWire(this TaxIdType type) => type switch
    {
        TaxIdType.ClRut => ClRut,
        TaxIdType.MxRfc => MxRfc,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? wire, out TaxIdType type)
    {
        switch (wire)
        {
            case ClRut:
                type = TaxIdType.ClRut;
                return true;
            case MxRfc:
                type = TaxIdType.MxRfc;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
