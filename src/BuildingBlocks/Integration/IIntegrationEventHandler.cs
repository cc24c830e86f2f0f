namespace ModularPayments.BuildingBlocks.Integration;

/// <summary>
/// A module's reaction to another module's integration event (from that module's Contracts). Delivery is
/// at-least-once and in log order: translate the event into your own command and make that command idempotent.
/// </summary>
public interface IIntegrationEventHandler<in TIntegrationEvent>
    where TIntegrationEvent : class
{
    Task HandleAsync(TIntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
