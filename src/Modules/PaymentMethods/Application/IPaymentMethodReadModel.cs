namespace ModularPayments.Modules.PaymentMethods.Application;

/// <summary>The payment-methods projection, as queries see it. Eventually consistent with the event store.</summary>
public interface IPaymentMethodReadModel
{
    Task<PaymentMethodDto?> FindAsync(Guid paymentMethodId, CancellationToken cancellationToken);

    /// <summary>Newest first. A cursor that names no projected method gives null.</summary>
    Task<PaymentMethodPage?> ListAsync(PaymentMethodFilter filter, CancellationToken cancellationToken);
}

/// <summary>Normalised filter values; <see cref="Limit"/> is 1..100, <see cref="Status"/> pending, active or canceled.</summary>
public sealed record PaymentMethodFilter(Guid? CustomerId, string? Status, int Limit, Guid? StartingAfter);
