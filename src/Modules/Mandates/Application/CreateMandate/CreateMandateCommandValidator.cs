using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Mandates.Domain;
using ModularPayments.Modules.Mandates.Domain.Mandates;

namespace ModularPayments.Modules.Mandates.Application.CreateMandate;

internal sealed class CreateMandateCommandValidator : AbstractValidator<CreateMandateCommand>
{
    public const long MaxAmount = 10_000_000;

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public CreateMandateCommandValidator()
    {
        RuleFor(c => c.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(c => c.InstrumentType)
            .Must(type => type is Instruments.PaymentMethod or Instruments.PacSubscription)
            .OverridePropertyName("instrument.type")
            .WithMessage("instrument.type is payment_method or pac_subscription.");

        RuleFor(c => c.PaymentMethodId)
            .Must(id => PublicIdKind.PaymentMethod.TryParse(id, out _))
            .When(c => c.InstrumentType == Instruments.PaymentMethod)
            .OverridePropertyName("instrument.payment_method_id")
            .WithMessage("instrument.payment_method_id is a payment method id (mp_pm_…).");

        RuleFor(c => c.PaymentMethodId)
            .Null()
            .When(c => c.InstrumentType == Instruments.PacSubscription)
            .OverridePropertyName("instrument.payment_method_id")
            .WithMessage("A pac_subscription instrument takes no payment_method_id.");

        RuleFor(c => c.Amount)
            .NotNull().GreaterThan(0).LessThanOrEqualTo(MaxAmount)
            .OverridePropertyName("amount")
            .WithMessage($"amount is a whole number of minor units, 1 to {MaxAmount} (CLP has none, MXN has cents).");

        RuleFor(c => c.Currency)
            .Must(currency => currency is "CLP" or "MXN")
            .OverridePropertyName("currency")
            .WithMessage("currency is CLP or MXN.");

        RuleFor(c => c.Currency)
            .Equal("CLP")
            .When(c => c.InstrumentType == Instruments.PacSubscription && c.Currency is "MXN")
            .OverridePropertyName("currency")
            .WithMessage("PAC subscriptions are charged in CLP only.");

        RuleFor(c => c.Frequency)
            .Must(frequency => frequency is "monthly" or "weekly")
            .OverridePropertyName("schedule.frequency")
            .WithMessage("schedule.frequency is monthly or weekly.");

        RuleFor(c => c.DayOfMonth)
            .Must(day => day == "last" || (int.TryParse(day, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 31))
            .When(c => c.Frequency == "monthly")
            .OverridePropertyName("schedule.day_of_month")
            .WithMessage("schedule.day_of_month is 1 to 31 (a day the month lacks is its last day) or \"last\".");

        RuleFor(c => c.Weekday)
            .Must(day => day is not null && Weekdays.Contains(day))
            .When(c => c.Frequency == "weekly")
            .OverridePropertyName("schedule.weekday")
            .WithMessage("schedule.weekday is monday to sunday.");

        RuleFor(c => c.StartDate)
            .NotNull()
            .OverridePropertyName("schedule.start_date")
            .WithMessage("schedule.start_date is a date (YYYY-MM-DD).");

        RuleFor(c => c.ReferenceId!)
            .Must(reference => reference.Length is >= 1 and <= Mandate.MaxReferenceIdLength && reference.All(char.IsAsciiLetterOrDigit))
            .When(c => c.ReferenceId is not null)
            .OverridePropertyName("reference_id")
            .WithMessage($"reference_id is 1 to {Mandate.MaxReferenceIdLength} letters or digits.");

        RuleFor(c => c.MaxAttempts)
            .InclusiveBetween(1, DunningPolicy.MaxMaxAttempts)
            .When(c => c.MaxAttempts is not null)
            .OverridePropertyName("retry_policy.max_attempts")
            .WithMessage($"retry_policy.max_attempts is 1 to {DunningPolicy.MaxMaxAttempts}.");

        RuleFor(c => c.RetryAfterBusinessDays)
            .InclusiveBetween(1, DunningPolicy.MaxRetryAfterBusinessDays)
            .When(c => c.RetryAfterBusinessDays is not null)
            .OverridePropertyName("retry_policy.retry_after_business_days")
            .WithMessage($"retry_policy.retry_after_business_days is 1 to {DunningPolicy.MaxRetryAfterBusinessDays}.");

        RuleFor(c => c.IdempotencyKey)
            .MustBeValidIdempotencyKey()
            .When(c => c.IdempotencyKey is not null);
    }
}
