using FluentValidation;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Application.RegisterCustomer;

internal sealed class RegisterCustomerCommandValidator : AbstractValidator<RegisterCustomerCommand>
{
    public const int MaxMetadataEntries = 50;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;
    public const int MaxIdempotencyKeyLength = 255;

    public RegisterCustomerCommandValidator()
    {
        RuleFor(c => c.Name)
            .MaximumLength(Customer.MaxNameLength).OverridePropertyName("name")
            .WithMessage($"name must be at most {Customer.MaxNameLength} characters.");

        RuleFor(c => c)
            .Must(c => !string.IsNullOrWhiteSpace(c.Email) || c.TaxId is not null)
            .OverridePropertyName("email")
            .WithMessage("Provide email or tax_id (or both).");

        RuleFor(c => c.Email)
            .Must(email => EmailAddress.TryCreate(email, out _))
            .When(c => !string.IsNullOrWhiteSpace(c.Email))
            .OverridePropertyName("email")
            .WithMessage("email is not a valid email address.");

        RuleFor(c => c.TaxId!)
            .Custom((taxId, context) =>
            {
                if (!TaxId.TryCreate(taxId.Type, taxId.Value, out _, out var field, out var error))
                {
                    context.AddFailure(field, error);
                }
            })
            .When(c => c.TaxId is not null);

        RuleFor(c => c.Metadata!)
            .Custom((metadata, context) =>
            {
                if (metadata.Count > MaxMetadataEntries)
                {
                    context.AddFailure("metadata", $"metadata holds at most {MaxMetadataEntries} keys.");
                }

                foreach (var (key, value) in metadata)
                {
                    if (string.IsNullOrWhiteSpace(key) || key.Length > MaxMetadataKeyLength)
                    {
                        context.AddFailure("metadata", $"metadata keys are 1 to {MaxMetadataKeyLength} characters.");
                    }
                    else if (value is null || value.Length > MaxMetadataValueLength)
                    {
                        context.AddFailure($"metadata.{key}", $"metadata values are strings of at most {MaxMetadataValueLength} characters.");
                    }
                }
            })
            .When(c => c.Metadata is not null);

        RuleFor(c => c.IdempotencyKey)
            .Must(key => key!.Length is >= 1 and <= MaxIdempotencyKeyLength && key.All(ch => ch is >= '!' and <= '~'))
            .When(c => c.IdempotencyKey is not null)
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"The Idempotency-Key header is 1 to {MaxIdempotencyKeyLength} printable ASCII characters.");
    }
}
