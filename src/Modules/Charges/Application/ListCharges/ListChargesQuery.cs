using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.ListCharges;

/// <summary>Query-string values as received; the validator checks them and the handler normalises them.</summary>
public sealed record ListChargesQuery(
    string? CustomerId,
    string? PaymentMethodId,
    string? Status,
    string? CreatedAfter,
    string? CreatedBefore,
    string? Limit,
    string? StartingAfter) : IQuery<ChargePage>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static IReadOnlyList<string> Statuses { get; } = ["pending", "succeeded", "failed"];
}
