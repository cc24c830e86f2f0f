using FluentValidation;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Application.RegisterCustomer;

internal sealed class RegisterCustomerCommandValidator : AbstractValidator<RegisterCustomerCommand>
{

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
            .MustBeValidMetadata()
            .When(c => c.Metadata is not null);

        RuleFor(c => c.IdempotencyKey)
            .MustBeValidIdempotencyKey()
            .When(c => c.IdempotencyKey is not null);
    }
}
