using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.GetCustomer;

public sealed record GetCustomerQuery(Guid CustomerId) : IQuery<CustomerDto>;
