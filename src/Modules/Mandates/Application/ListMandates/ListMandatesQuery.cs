using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

/// <summary>Mandates, newest first, by customer and status; at most <paramref name="Limit"/> (1..100, default 20).</summary>
public sealed record ListMandatesQuery(string? CustomerId, string? Status, int? Limit) : IQuery<IReadOnlyList<MandateDto>>;
