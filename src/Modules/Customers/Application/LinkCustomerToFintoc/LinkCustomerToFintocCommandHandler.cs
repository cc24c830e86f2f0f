using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Customers.Domain.Customers;

namespace ModularPayments.Modules.Customers.Application.LinkCustomerToFintoc;

/// <summary>
/// Idempotent: a linked customer answers its link without calling Fintoc; two concurrent runs (two instances, the
/// reactor and a request) create one Fintoc customer (same idempotency key) and append one link (expected revision).
/// </summary>
internal sealed class LinkCustomerToFintocCommandHandler(IAggregateStore store, IFintocCustomerMirror fintoc, TimeProvider timeProvider)
    : ICommandHandler<LinkCustomerToFintocCommand, string?>
{
    public async Task<string?> Handle(LinkCustomerToFintocCommand request, CancellationToken cancellationToken)
    {
        var stream = CustomerStreams.Customer(request.CustomerId);
        var customer = await store.LoadAsync<Customer>(stream, cancellationToken);
        if (!customer.State.IsRegistered)
        {
            return null;
        }

        if (customer.State.FintocCustomerId is { } linked)
        {
            return linked;
        }

        var state = customer.State;
        var fintocCustomerId = await fintoc.CreateOrFindAsync(new CustomerToMirror(state.Id, state.Name, state.Email, state.TaxIdType, state.TaxIdValue), cancellationToken);
        customer.LinkToFintoc(fintocCustomerId, timeProvider.GetUtcNow());
        await store.StoreAsync(stream, customer, cancellationToken: cancellationToken);
        return fintocCustomerId;
    }
}
