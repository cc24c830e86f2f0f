namespace ModularPayments.Modules.Charges.Domain.Charges;

/// <summary>Ordered: a charge only ever leaves Pending once; Succeeded and Failed are both final.</summary>
public enum ChargeStatus
{
    None,
    Pending,
    Succeeded,
    Failed,
}
