namespace ModularPayments.Modules.Charges.Application;

/// <summary>
/// The fast path to Fintoc: a charge just requested is handed to a few submission workers at once, so submissions run
/// side by side up to the Fintoc client's rate limit. Best effort: a charge the queue drops, or a crash, is still
/// submitted by the <c>charges-submitter</c> reactor from the event store.
/// </summary>
public interface IChargeSubmissionQueue
{
    void Enqueue(Guid chargeId);

    /// <summary>True while this instance's workers hold the charge (queued or being submitted).</summary>
    bool Holds(Guid chargeId);

    /// <summary>
    /// When this instance's workers hold the charge, waits until they are done with it and answers whether they
    /// submitted it; false at once when they do not hold it.
    /// </summary>
    Task<bool> WaitForWorkersAsync(Guid chargeId, CancellationToken cancellationToken);
}
