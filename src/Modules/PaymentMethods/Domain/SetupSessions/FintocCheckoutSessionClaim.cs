using Ardalis.GuardClauses;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.PaymentMethods.Domain.SetupSessions;

/// <summary>
/// One stream per Fintoc checkout session id, appended with "no stream": the way from Fintoc's id to our session when
/// a webhook carries no <c>mp_setup_session_id</c> metadata.
/// </summary>
public sealed class FintocCheckoutSessionClaim : Aggregate<FintocCheckoutSessionClaimState>
{
    public Transition Claim(string fintocCheckoutSessionId, Guid setupSessionId, DateTimeOffset now)
    {
        if (State.SetupSessionId is { } owner)
        {
            return owner == setupSessionId
                ? Transition.AlreadyApplied
                : throw new DomainRuleViolation("fintoc_checkout_session_claimed", $"Fintoc session {fintocCheckoutSessionId} belongs to setup session {owner}.");
        }

        Apply(new FintocCheckoutSessionClaimed(Guard.Against.MissingValue(fintocCheckoutSessionId, "fintoc_checkout_session_id"), setupSessionId, now));
        return Transition.Applied;
    }
}

public sealed record FintocCheckoutSessionClaimState : AggregateState<FintocCheckoutSessionClaimState>
{
    public Guid? SetupSessionId { get; init; }

    public override FintocCheckoutSessionClaimState When(IDomainEvent domainEvent) => domainEvent switch
    {
        FintocCheckoutSessionClaimed claimed => this with { SetupSessionId = claimed.SetupSessionId },
        _ => this,
    };
}
