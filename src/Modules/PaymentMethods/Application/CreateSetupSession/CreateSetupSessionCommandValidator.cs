using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Domain;

namespace ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;

internal sealed class CreateSetupSessionCommandValidator : AbstractValidator<CreateSetupSessionCommand>
{
    public const int MaxUrlLength = 2048;

    public CreateSetupSessionCommandValidator()
    {
        RuleFor(c => c.CustomerId)
            .Must(id => PublicIdKind.Customer.TryParse(id, out _))
            .OverridePropertyName("customer_id")
            .WithMessage("customer_id is a customer id (mp_cus_…).");

        RuleFor(c => c.Currency)
            .Must(currency => currency is "CLP" or "MXN")
            .OverridePropertyName("currency")
            .WithMessage("currency is CLP or MXN.");

        RuleFor(c => c.SuccessUrl).Must(IsAbsoluteHttpUrl).OverridePropertyName("success_url")
            .WithMessage($"success_url is an absolute http or https URL of at most {MaxUrlLength} characters.");
        RuleFor(c => c.CancelUrl).Must(IsAbsoluteHttpUrl).OverridePropertyName("cancel_url")
            .WithMessage($"cancel_url is an absolute http or https URL of at most {MaxUrlLength} characters.");

        RuleFor(c => c.PaymentMethodTypes!)
            .Custom((types, context) =>
            {
                var currency = context.InstanceToValidate.Currency;
                if (types.Count == 0)
                {
                    context.AddFailure("payment_method_types", "payment_method_types, when given, names at least one of pac, card, direct_debit.");
                }

                foreach (var type in types)
                {
                    if (!PaymentMethodTypes.IsKnown(type))
                    {
                        context.AddFailure("payment_method_types", $"'{type}' is not one of pac, card, direct_debit.");
                    }
                    else if (currency is "CLP" or "MXN" && !PaymentMethodTypes.WorksWith(type, currency))
                    {
                        context.AddFailure("payment_method_types", $"'{type}' cannot be used with {currency} (pac is CLP only, direct_debit MXN only).");
                    }
                }
            })
            .When(c => c.PaymentMethodTypes is not null);

        RuleFor(c => c.Metadata!)
            .MustBeValidMetadata(PaymentMethodStreams.SetupSessionMetadataKey)
            .When(c => c.Metadata is not null);

        RuleFor(c => c.IdempotencyKey)
            .MustBeValidIdempotencyKey()
            .When(c => c.IdempotencyKey is not null);
    }

    private static bool IsAbsoluteHttpUrl(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);
}
