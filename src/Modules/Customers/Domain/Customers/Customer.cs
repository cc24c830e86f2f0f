using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Domain.Customers;

/// <summary>A merchant's customer: who they are for tax and contact purposes.</summary>
public sealed class Customer : Aggregate<CustomerState>
{
    public const int MaxNameLength = 200;

    public void Register(Guid customerId, string? name, EmailAddress? email, TaxId? taxId, IReadOnlyDictionary<string, string> metadata, DateTimeOffset registeredAt)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (State.IsRegistered)
        {
            throw new DomainRuleViolation("customer_already_registered", $"Customer {State.Id} is already registered.");
        }

        if (customerId == Guid.Empty)
        {
            throw new DomainRuleViolation("invalid_customer_id", "A customer id cannot be empty.");
        }

        if (email is null && taxId is null)
        {
            throw new DomainRuleViolation("email_or_tax_id_required", "A customer needs an email or a tax_id (or both).", "email");
        }

        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : Guard.Against.TooLong(name.Trim(), MaxNameLength, "name");
        Apply(new CustomerRegistered(customerId, trimmedName, email?.Value, taxId?.Type.ToWire(), taxId?.Value, new Dictionary<string, string>(metadata, StringComparer.Ordinal), registeredAt));
    }

    /// <summary>Whether a repeated registration request (same idempotency key) asks for exactly what is stored.</summary>
    public bool IsSameRegistration(string? name, EmailAddress? email, TaxId? taxId, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        return State.IsRegistered
            && State.Name == trimmedName
            && State.Email == email?.Value
            && State.TaxIdType == taxId?.Type.ToWire()
            && State.TaxIdValue == taxId?.Value
            && State.Metadata.Count == metadata.Count
            && metadata.All(pair => State.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    /// <summary>Links the customer to its Fintoc customer, once: a repeat with the same id changes nothing.</summary>
    public void LinkToFintoc(string fintocCustomerId, DateTimeOffset linkedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fintocCustomerId);
        if (!State.IsRegistered)
        {
            throw new DomainRuleViolation("customer_not_registered", "Only a registered customer can be linked to Fintoc.");
        }

        if (State.FintocCustomerId is { } linked)
        {
            if (linked != fintocCustomerId)
            {
                throw new DomainRuleViolation("customer_already_linked", $"Customer {State.Id} is already linked to another Fintoc customer.");
            }

            return;
        }

        Apply(new CustomerLinkedToFintoc(State.Id, fintocCustomerId, linkedAt));
    }
}
