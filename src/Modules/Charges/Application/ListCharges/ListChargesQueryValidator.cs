using System.Globalization;
using FluentValidation;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.ListCharges;

internal sealed class ListChargesQueryValidator : AbstractValidator<ListChargesQuery>
{
    public ListChargesQueryValidator()
    {
        RuleFor(q => q.CustomerId).MustBeIdOf(PublicIdKind.Customer, "customer_id");

        RuleFor(q => q.PaymentMethodId).MustBeIdOf(PublicIdKind.PaymentMethod, "payment_method_id");

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

        RuleFor(q => q.Limit).MustBePageSize(ListChargesQuery.MaxLimit);

        RuleFor(q => q.StartingAfter).MustBeCursorOf(PublicIdKind.Charge);
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
