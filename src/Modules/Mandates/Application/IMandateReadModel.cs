using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.Modules.Mandates.Application;

/// <summary>The mandates projection: which mandates exist for a customer, a status, a payment method. Eventually consistent.</summary>
public interface IMandateReadModel
{
    /// <summary>Newest first, at most <paramref name="limit"/>, older than <paramref name="startingAfter"/>; null when that mandate is not projected.</summary>
    Task<NewestFirstPage<Guid>?> ListAsync(Guid? customerId, string? status, int limit, Guid? startingAfter, CancellationToken cancellationToken);

    /// <summary>Mandates charging a saved payment method (any status).</summary>
    Task<IReadOnlyList<Guid>> ListByPaymentMethodAsync(Guid paymentMethodId, CancellationToken cancellationToken);

    /// <summary>Per Santiago day, newest first: attempts due and submitted (of which retries), charges succeeded and failed.</summary>
    Task<IReadOnlyList<BillingDay>> BillingDaysAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Active mandates whose next charge is due at <paramref name="now"/> and has no attempt yet: what the next run will submit.</summary>
    Task<int> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Active mandates whose next charge is due at <paramref name="now"/>, after <paramref name="after"/> (an id), in id order.</summary>
    Task<IReadOnlyList<Guid>> PageDueAsync(DateTimeOffset now, Guid? after, int limit, CancellationToken cancellationToken);
}

/// <summary>A day of billing, from the log (the same on every instance).</summary>
public sealed record BillingDay(DateOnly Day, int Due, int Submitted, int Retried, int Succeeded, int Failed);
