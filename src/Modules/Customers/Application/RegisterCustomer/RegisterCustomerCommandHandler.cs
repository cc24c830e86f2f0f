using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.Modules.Customers.Application.RegisterCustomer;

internal sealed class RegisterCustomerCommandHandler(IAggregateStore store, TimeProvider timeProvider)
    : ICommandHandler<RegisterCustomerCommand, RegisterCustomerResult>
{
    public async Task<RegisterCustomerResult> Handle(RegisterCustomerCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : EmailAddress.Create(request.Email);
        var taxId = request.TaxId is null ? null : TaxId.Create(request.TaxId.Type, request.TaxId.Value);
        var metadata = request.Metadata ?? new Dictionary<string, string>();
        var customerId = request.IdempotencyKey is { } key
            ? DeterministicGuid.Create("customers/register/" + key)
            : Guid.CreateVersion7(now);

        var customer = await store.LoadAsync<Customer>(CustomerStreams.Customer(customerId), cancellationToken);
        if (customer.State.IsRegistered)
        {
            return customer.IsSameRegistration(request.Name, email, taxId, metadata)
                ? new RegisterCustomerResult(customer.State.ToDto(), Created: false)
                : throw new ConflictException(
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with different parameters.",
                    new Dictionary<string, string> { ["existing_customer_id"] = PublicIdKind.Customer.Format(customerId) });
        }

        if (taxId is not null)
        {
            await ClaimTaxIdAsync(taxId, customerId, now, cancellationToken);
        }

        customer.Register(customerId, request.Name, email, taxId, metadata, now);
        await store.StoreAsync(CustomerStreams.Customer(customerId), customer, request.IdempotencyKey, cancellationToken);
        return new RegisterCustomerResult(customer.State.ToDto(), Created: true);
    }

    private async Task ClaimTaxIdAsync(TaxId taxId, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stream = CustomerStreams.TaxIdClaim(taxId);
        var claim = await store.LoadAsync<TaxIdClaim>(stream, cancellationToken);
        if (!claim.State.IsClaimed)
        {
            claim.Claim(taxId, customerId, now);
            try
            {
                await store.StoreAsync(stream, claim, cancellationToken: cancellationToken);
                return;
            }
            catch (WrongExpectedRevisionException)
            {
                // Lost the race for this tax id: find out who won.
                claim = await store.LoadAsync<TaxIdClaim>(stream, cancellationToken);
            }
        }

        var holder = claim.State.CustomerId;
        if (holder == customerId)
        {
            return; // An earlier attempt of this same idempotent request claimed it, then stopped before storing the customer.
        }

        var holderExists = (await store.LoadAsync<Customer>(CustomerStreams.Customer(holder), cancellationToken)).State.IsRegistered;
        if (!claim.CanBeReassigned(holderExists, now))
        {
            throw new ConflictException(
                "tax_id_taken",
                $"A customer with this tax id already exists: {PublicIdKind.Customer.Format(holder)}.",
                new Dictionary<string, string> { ["existing_customer_id"] = PublicIdKind.Customer.Format(holder) });
        }

        claim.ReassignAbandoned(taxId, customerId, holderExists, now);
        await store.StoreAsync(stream, claim, cancellationToken: cancellationToken);
    }
}
