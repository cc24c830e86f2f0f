namespace ModularPayments.Modules.Charges.Application;

/// <summary>The charges projection, as queries and the janitor see it. Eventually consistent with the event store.</summary>
public interface IChargeReadModel
{
    /// <summary>Newest first. A cursor that names no projected charge gives null.</summary>
    Task<ChargePage?> ListAsync(ChargeFilter filter, CancellationToken cancellationToken);

    /// <summary>Charges flagged with a mismatch, newest first.</summary>
    Task<ChargePage> ListMismatchesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Pending, unflagged charges whose last step is older than <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListStalePendingAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);
}

/// <summary>Normalised filter values; <see cref="Limit"/> is 1..100, <see cref="Status"/> pending, succeeded or failed.</summary>
public sealed record ChargeFilter(
    Guid? CustomerId,
    Guid? PaymentMethodId,
    string? Status,
    DateTimeOffset? CreatedAfter,
    DateTimeOffset? CreatedBefore,
    int Limit,
    Guid? StartingAfter);
