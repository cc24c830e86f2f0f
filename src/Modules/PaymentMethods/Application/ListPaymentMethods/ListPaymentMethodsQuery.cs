using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;

/// <summary>Query-string values as received; the validator checks them and the handler normalises them.</summary>
public sealed record ListPaymentMethodsQuery(string? CustomerId, string? Status, string? Limit, string? StartingAfter) : IQuery<PaymentMethodPage>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static IReadOnlyList<string> Statuses { get; } = ["pending", "active", "canceled"];
}
