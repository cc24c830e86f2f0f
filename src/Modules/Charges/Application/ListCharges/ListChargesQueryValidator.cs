using System.Globalization;
using FluentValidation;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.ListCharges;

internal sealed class ListChargesQueryValidator : AbstractValidator<ListChargesQuery>
{
    public ListChargesQueryValidator()
    {
        RuleFor(q => q.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .When(q => q.CustomerId is not null)
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(q => q.PaymentMethodId)
            .Must(id => PublicIdKind.PaymentMethod.TryParse(id, out _))
            .When(q => q.PaymentMethodId is not null)
            .OverridePropertyName("payment_method_id")
            .WithMessage("payment_method_id is a payment method id (mp_pm_…).");

        RuleFor(q => q.Status)
            .Must(status => ListChargesQuery.Statuses.Contains(status!))
            .When(q => q.Status is not null)
            .OverridePropertyName("status")
            .WithMessage("status is pending, succeeded or failed.");

        RuleFor(q => q.CreatedAfter)
            .Must(text => TryParseInstant(text, out _))
            .When(q => q.CreatedAfter is not null)
            .OverridePropertyName("created_after")
            .WithMessage("created_after is an ISO 8601 instant with an offset, e.g. 2026-11-30T12:00:00Z.");

        RuleFor(q => q.CreatedBefore)
            .Must(text => TryParseInstant(text, out _))
            .When(q => q.CreatedBefore is not null)
            .OverridePropertyName("created_before")
            .WithMessage("created_before is an ISO 8601 instant with an offset, e.g. 2026-11-30T12:00:00Z.");

        RuleFor(q => q.Limit)
            .Must(limit => int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= ListChargesQuery.MaxLimit)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage($"limit is a whole number from 1 to {ListChargesQuery.MaxLimit}.");

        RuleFor(q => q.StartingAfter)
            .Must(id => PublicIdKind.Charge.TryParse(id, out _))
            .When(q => q.StartingAfter is not null)
            .OverridePropertyName("starting_after")
            .WithMessage("starting_after is the id of a charge (mp_ch_…) from a previous page.");
    }

    /// <summary>An instant needs its offset: a bare local time would mean different moments on different servers.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: >= 20 and <= 40 }
            && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }
}
