using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.ListMandates;

internal sealed class ListMandatesQueryValidator : AbstractValidator<ListMandatesQuery>
{
    public ListMandatesQueryValidator()
    {
        RuleFor(q => q.CustomerId).MustBeIdOf(PublicIdKind.Customer, "customer_id");

        RuleFor(q => q.Status)
            .Must(status => MandateStatusNames.All.Contains(status!))
            .When(q => q.Status is not null)
            .OverridePropertyName("status")
            .WithMessage($"status is one of {string.Join(", ", MandateStatusNames.All)}.");

        RuleFor(q => q.StartingAfter).MustBeCursorOf(PublicIdKind.Mandate);

        RuleFor(q => q.Limit)
            .InclusiveBetween(1, 100)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage("limit is 1 to 100.");
    }
}
