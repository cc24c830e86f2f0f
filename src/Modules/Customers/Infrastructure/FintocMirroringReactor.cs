using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.Modules.Customers.Application.LinkCustomerToFintoc;
using ModularPayments.Modules.Customers.Domain.Customers;

namespace ModularPayments.Modules.Customers.Infrastructure;

/// <summary>Mirrors every newly registered customer to Fintoc, in the background, so the link is ready when needed.</summary>
internal sealed class FintocMirroringReactor(IServiceScopeFactory scopes) : IReactor
{
    public string Name => "customers-fintoc-mirror";

    public bool Wants(ReactorEvent reactorEvent) => reactorEvent.Event is CustomerRegistered;

    public async Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken)
    {
        var registered = (CustomerRegistered)reactorEvent.Event!;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new LinkCustomerToFintocCommand(registered.CustomerId), cancellationToken);
    }
}
