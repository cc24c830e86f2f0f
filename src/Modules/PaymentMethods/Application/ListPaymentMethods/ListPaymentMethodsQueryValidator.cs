using FluentValidation;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;

internal sealed class ListPaymentMethodsQueryValidator : AbstractValidator<ListPaymentMethodsQuery>
{
    public ListPaymentMethodsQueryValidator()
    {
        RuleFor(q => q.CustomerId).MustBeIdOf(PublicIdKind.Customer, "customer_id");

        RuleFor(q => q.Status)
            .Must(status => ListPaymentMethodsQuery.Statuses.Contains(status!))
            .When(q => q.Status is not null)
            .OverridePropertyName("status")
            .WithMessage("status is pending, active or canceled.");

        RuleFor(q => q.Limit).MustBePageSize(ListPaymentMethodsQuery.MaxLimit);

        RuleFor(q => q.StartingAfter).MustBeCursorOf(PublicIdKind.PaymentMethod);
    }
}
