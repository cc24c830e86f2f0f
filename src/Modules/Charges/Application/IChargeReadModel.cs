namespace ModularPayments.Modules.Charges.Application;

/// <summary>The charges projection, as queries and the janitor see it. Eventually consistent with the event store.</summary>
public interface IChargeReadModel
{
    /// <summary>Newest first. A cursor that names no projected charge gives null.</summary>
    Task<ChargePage?> ListAsync(ChargeFilter filter, CancellationToken cancellationToken);

    /// <summary>Charges flagged with a mismatch, newest first.</summary>
    Task<ChargePage> ListMismatchesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Pending, unflagged charges whose last step is older than <paramref name="before"/>, in the order they were
    /// projected, after the one at <paramref name="afterSequence"/> (0: from the first).
    /// </summary>
    Task<IReadOnlyList<StaleCharge>> ListStalePendingAsync(DateTimeOffset before, long afterSequence, int limit, CancellationToken cancellationToken);
}

/// <summary>A charge the janitor should settle, and its place in the projection (the janitor's cursor).</summary>
public sealed record StaleCharge(Guid Id, long Sequence);

/// <summary>Normalised filter values; <see cref="Limit"/> is 1..100, <see cref="Status"/> pending, succeeded or failed.</summary>
public sealed record ChargeFilter(
    Guid? CustomerId,
    Guid? PaymentMethodId,
    string? Status,
    DateTimeOffset? CreatedAfter,
    DateTimeOffset? CreatedBefore,
    int Limit,
    Guid? StartingAfter);
