using MediatR;
using ModularPayments.Modules.Customers.Application;
using ModularPayments.Modules.Customers.Application.LinkCustomerToFintoc;
using ModularPayments.Modules.Customers.Contracts;

namespace ModularPayments.Modules.Customers.Infrastructure;

/// <summary>Customers' implementation of its published <see cref="IFintocCustomerLinks"/>.</summary>
internal sealed class FintocCustomerLinks(IMediator mediator, ICustomerReadModel readModel) : IFintocCustomerLinks
{
    public async Task<FintocCustomerLink?> EnsureLinkedAsync(Guid customerId, CancellationToken cancellationToken) =>
        await mediator.Send(new LinkCustomerToFintocCommand(customerId), cancellationToken) is { } fintocCustomerId
            ? new FintocCustomerLink(customerId, fintocCustomerId)
            : null;

    public Task<Guid?> FindByFintocCustomerIdAsync(string fintocCustomerId, CancellationToken cancellationToken) =>
        readModel.FindIdByFintocCustomerIdAsync(fintocCustomerId, cancellationToken);
}
