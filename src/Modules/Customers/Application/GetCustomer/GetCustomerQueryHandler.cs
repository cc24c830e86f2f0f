using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.GetCustomer;

internal sealed class GetCustomerQueryHandler(ICustomerReadModel readModel) : IQueryHandler<GetCustomerQuery, CustomerDto>
{
    public async Task<CustomerDto> Handle(GetCustomerQuery request, CancellationToken cancellationToken) =>
        await readModel.FindAsync(request.CustomerId, cancellationToken)
            ?? throw new NotFoundException("customer", request.CustomerId.ToString());
}
