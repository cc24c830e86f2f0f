using FluentValidation;
using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Domain.Charges;

namespace ModularPayments.Modules.Charges.Application.RequestCharge;

internal sealed class RequestChargeCommandValidator : AbstractValidator<RequestChargeCommand>
{
    public const int MaxSubscriptionIdLength = 100;

    public RequestChargeCommandValidator(IOptions<ChargesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(c => c)
            .Must(c => (c.PaymentMethodId is null) != (c.SubscriptionId is null))
            .OverridePropertyName("payment_method_id")
            .WithMessage("Give exactly one of payment_method_id (a saved payment method) and subscription_id (a PAC subscription).");

        RuleFor(c => c.PaymentMethodId)
            .Must(id => PublicIdKind.PaymentMethod.TryParse(id, out _))
            .When(c => c.PaymentMethodId is not null)
            .OverridePropertyName("payment_method_id")
            .WithMessage("payment_method_id is a payment method id (mp_pm_…).");

        RuleFor(c => c.SubscriptionId)
            .Must(id => id is { Length: > 0 and <= MaxSubscriptionIdLength } && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            .When(c => c.SubscriptionId is not null)
            .OverridePropertyName("subscription_id")
            .WithMessage($"subscription_id is Fintoc's subscription id (sub_…), at most {MaxSubscriptionIdLength} letters, digits and underscores.");

        RuleFor(c => c.Currency)
            .Must(currency => currency is "CLP" or "MXN")
            .OverridePropertyName("currency")
            .WithMessage("currency is CLP or MXN.");

        RuleFor(c => c.Currency)
            .Equal("CLP")
            .When(c => c.SubscriptionId is not null && c.Currency is "MXN")
            .OverridePropertyName("currency")
            .WithMessage("Subscription (PAC) charges are CLP only.");

        RuleFor(c => c.Amount)
            .NotNull()
            .OverridePropertyName("amount")
            .WithMessage("amount is required: a whole number of the currency's smallest unit (CLP has none, MXN has cents).");

        RuleFor(c => c.Amount!.Value)
            .GreaterThan(0)
            .When(c => c.Amount is not null)
            .OverridePropertyName("amount")
            .WithMessage("amount must be greater than zero.");

        RuleFor(c => c.Amount!.Value)
            .Must((c, amount) => amount <= options.Value.MaxAmountFor(c.Currency!))
            .When(c => c.Amount is > 0 && c.Currency is "CLP" or "MXN")
            .OverridePropertyName("amount")
            .WithMessage(c => $"amount is at most {options.Value.MaxAmountFor(c.Currency!)} for {c.Currency}.");

        RuleFor(c => c.Description!)
            .MaximumLength(Charge.MaxDescriptionLength)
            .When(c => c.Description is not null)
            .OverridePropertyName("description")
            .WithMessage($"description is at most {Charge.MaxDescriptionLength} characters.");

        RuleFor(c => c.Metadata!)
            .MustBeValidMetadata(ChargeStreams.ChargeMetadataKey)
            .When(c => c.Metadata is not null);

        RuleFor(c => c.IdempotencyKey)
            .MustBeValidIdempotencyKey()
            .When(c => c.IdempotencyKey is not null);
    }
}
