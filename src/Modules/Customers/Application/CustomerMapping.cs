using ModularPayments.Modules.Customers.Domain.Customers;

namespace ModularPayments.Modules.Customers.Application;

internal static class CustomerMapping
{
    public static CustomerDto ToDto(this CustomerState state) => new(
        state.Id,
        state.Name,
        state.Email,
        state.TaxIdType is null || state.TaxIdValue is null ? null : new TaxIdDto(state.TaxIdType, state.TaxIdValue),
        state.Metadata,
        state.RegisteredAt,
        state.FintocCustomerId);
}
