using FluentValidation;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Customers.Application.ListCustomers;

internal sealed class ListCustomersQueryValidator : AbstractValidator<ListCustomersQuery>
{
    public ListCustomersQueryValidator()
    {
        RuleFor(q => q.Limit).MustBePageSize(ListCustomersQuery.MaxLimit);

        RuleFor(q => q.StartingAfter)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _) || Guid.TryParse(id, out _))
            .When(q => q.StartingAfter is not null)
            .OverridePropertyName("starting_after")
            .WithMessage("starting_after is the id of a customer from a previous page.");

        RuleFor(q => q.TaxId).MaximumLength(64).OverridePropertyName("tax_id");
        RuleFor(q => q.Email).MaximumLength(254).OverridePropertyName("email");
    }
}
