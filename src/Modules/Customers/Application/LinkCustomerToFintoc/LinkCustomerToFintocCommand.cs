using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.LinkCustomerToFintoc;

/// <summary>Mirror the customer to Fintoc if that has not happened; answers the Fintoc customer id, or null for an unknown customer.</summary>
public sealed record LinkCustomerToFintocCommand(Guid CustomerId) : ICommand<string?>;
