using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.BuildingBlocks.Infrastructure;

/// <summary>Scoped correlation holder; the HTTP pipeline and background consumers fill it in.</summary>
public sealed class RequestContext : IRequestContext
{
    public string? CorrelationId { get; set; }

    public string? CausationId { get; set; }
}
