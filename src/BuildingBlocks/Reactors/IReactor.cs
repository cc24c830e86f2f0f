using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>An event from the global log, with its domain event when one of our modules registers its type.</summary>
public sealed record ReactorEvent(RecordedEvent Record, IDomainEvent? Event);

/// <summary>
/// Reacts to events of the global log with side effects (commands, calls to Fintoc). Each reactor keeps its own
/// checkpoint; delivery is at least once (a crash before the checkpoint, or two instances on one store, repeat an
/// event), so a reaction must be idempotent. A failing reaction is retried with backoff, then parked with its reason
/// and the reactor moves on: one poison event never blocks the others.
/// </summary>
public interface IReactor
{
    /// <summary>Stable name: the checkpoint key and the parked stream's suffix (lowercase, letters, digits, hyphens).</summary>
    string Name { get; }

    bool Wants(ReactorEvent reactorEvent);

    Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken);

    /// <summary>What a parked entry is about: by default the log event; the webhook reactor uses the provider's event id.</summary>
    string SubjectOf(ReactorEvent reactorEvent) => reactorEvent.Record.EventId.ToString("N");

    /// <summary>Called after each failed attempt, before the retry or the park (e.g. to record the attempt).</summary>
    Task OnAttemptFailedAsync(ReactorEvent reactorEvent, ReactionFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once the event is parked.</summary>
    Task OnParkedAsync(ReactorEvent reactorEvent, ReactionFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One failed attempt: its number, the error's type and message (never a secret: exceptions of ours carry none).</summary>
public sealed record ReactionFailure(int Attempt, string ErrorType, string Reason, bool Permanent, DateTimeOffset At);
