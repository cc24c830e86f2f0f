using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

/// <summary>
/// Mandates, newest first, by customer and status; at most <paramref name="Limit"/> (1..100, default 20), after the
/// mandate <paramref name="StartingAfter"/> names (the last of the previous page).
/// </summary>
public sealed record ListMandatesQuery(string? CustomerId, string? Status, int? Limit, string? StartingAfter = null) : IQuery<MandatePage>;

public sealed record MandatePage(IReadOnlyList<MandateDto> Data, bool HasMore);
