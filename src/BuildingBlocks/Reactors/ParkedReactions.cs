using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>An event a reactor gave up on: what it was about, why, after how many attempts.</summary>
[EventType("reactors.reaction_parked.v1")]
public sealed record ReactionParked(
    string Reactor,
    string Subject,
    string StreamId,
    long Position,
    Guid EventId,
    string EventType,
    int Attempts,
    string ErrorType,
    string Reason,
    DateTimeOffset ParkedAt) : IDomainEvent;

/// <summary>A parked subject that a later reaction (a reprocess) handled successfully.</summary>
[EventType("reactors.reaction_resolved.v1")]
public sealed record ReactionResolved(string Reactor, string Subject, DateTimeOffset ResolvedAt) : IDomainEvent;

/// <summary>
/// An operator asked to try a parked reaction again (once the cause is fixed): the reactor reads the parked event from
/// <paramref name="StreamId"/> and reacts to it as the first time, retries and all, on every instance that runs it.
/// </summary>
[EventType("reactors.reaction_retry_requested.v1")]
public sealed record ReactionRetryRequested(string Reactor, string Subject, string StreamId, Guid EventId, DateTimeOffset RequestedAt) : IDomainEvent;

/// <summary>Each reactor's parked reactions live in one stream of the event store, shared by every instance.</summary>
public static class ParkedReactionStreams
{
    public const string Prefix = "reactors.parked-";

    public static string Of(string reactorName) => Prefix + reactorName;
}
