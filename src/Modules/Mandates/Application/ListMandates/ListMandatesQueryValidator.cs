using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

internal sealed class ListMandatesQueryValidator : AbstractValidator<ListMandatesQuery>
{
    public ListMandatesQueryValidator()
    {
        RuleFor(q => q.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .When(q => q.CustomerId is not null)
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(q => q.Status)
            .Must(status => MandateStatusNames.All.Contains(status!))
            .When(q => q.Status is not null)
            .OverridePropertyName("status")
            .WithMessage($"status is one of {string.Join(", ", MandateStatusNames.All)}.");

        RuleFor(q => q.StartingAfter)
            .Must(id => PublicIdKind.Mandate.TryParse(id, out _))
            .When(q => q.StartingAfter is not null)
            .OverridePropertyName("starting_after")
            .WithMessage("starting_after is the id of a mandate (mp_mdt_…) from a previous page.");

        RuleFor(q => q.Limit)
            .InclusiveBetween(1, 100)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage("limit is 1 to 100.");
    }
}
