namespace ModularPayments.Modules.Mandates.Domain;

/// <summary>What a forward-only state machine did with a fact it was told.</summary>
public enum Transition
{
    /// <summary>The fact moved the state forward (or flagged it); new events were recorded.</summary>
    Applied,

    /// <summary>The state already reflects the fact (a repeated delivery): nothing recorded.</summary>
    AlreadyApplied,

    /// <summary>The state has moved past the fact (e.g. failed after succeeded): recorded as ignored, not applied.</summary>
    Stale,
}
