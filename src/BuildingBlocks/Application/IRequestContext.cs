namespace ModularPayments.BuildingBlocks.Application;

/// <summary>Correlation for the work in progress (an HTTP request, a webhook, a subscription), stamped on stored events.</summary>
public interface IRequestContext
{
    string? CorrelationId { get; }

    string? CausationId { get; }
}
