namespace ModularPayments.Modules.PaymentMethods.Domain;

/// <summary>What a forward-only state machine did with a fact it was told.</summary>
public enum Transition
{
    /// <summary>The fact moved the state forward; new events were recorded.</summary>
    Applied,

    /// <summary>The state already reflects the fact (a repeated delivery): nothing recorded.</summary>
    AlreadyApplied,

    /// <summary>The state has moved past the fact (e.g. activated after canceled): nothing recorded.</summary>
    Stale,
}
