namespace ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

/// <summary>Ordered: a session only ever moves to a later value. Finished and Expired are both final.</summary>
public enum SetupSessionStatus
{
    None,

    /// <summary>Recorded, Fintoc not (yet) answered.</summary>
    Requested,

    Open,

    Finished,

    Expired,
}
