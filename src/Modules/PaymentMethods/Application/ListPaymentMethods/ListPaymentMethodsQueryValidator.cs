using System.Globalization;
using FluentValidation;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;

internal sealed class ListPaymentMethodsQueryValidator : AbstractValidator<ListPaymentMethodsQuery>
{
    public ListPaymentMethodsQueryValidator()
    {
        RuleFor(q => q.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .When(q => q.CustomerId is not null)
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(q => q.Status)
            .Must(status => ListPaymentMethodsQuery.Statuses.Contains(status!))
            .When(q => q.Status is not null)
            .OverridePropertyName("status")
            .WithMessage("status is pending, active or canceled.");

        RuleFor(q => q.Limit)
            .Must(limit => int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= ListPaymentMethodsQuery.MaxLimit)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage($"limit is a whole number from 1 to {ListPaymentMethodsQuery.MaxLimit}.");

        RuleFor(q => q.StartingAfter)
            .Must(id => PublicIdKind.PaymentMethod.TryParse(id, out _))
            .When(q => q.StartingAfter is not null)
            .OverridePropertyName("starting_after")
            .WithMessage("starting_after is the id of a payment method (mp_pm_…) from a previous page.");
    }
}
