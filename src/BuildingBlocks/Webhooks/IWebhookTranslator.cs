using System.Text.Json;
using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>A webhook as the inbox stored it: the provider's event id and type, when it was created, its <c>data</c>.</summary>
public sealed record InboxedWebhook(string EventId, string EventType, DateTimeOffset? CreatedAt, JsonElement Data);

/// <summary>
/// A module's translation of one or more provider event types into that module's own command. The command is sent
/// through MediatR by the inbox reactor, at least once: it must be idempotent (forward-only state, expected revisions).
/// A translator throws <see cref="UnusableWebhookException"/> when the payload is not what its type promises.
/// </summary>
public interface IWebhookTranslator
{
    IReadOnlyCollection<string> EventTypes { get; }

    ICommand<WebhookHandling> Translate(InboxedWebhook webhook);
}

/// <summary>What a module did with a webhook: <see cref="Applied"/>, already applied, or ignored as stale.</summary>
public sealed record WebhookHandling(string Outcome, string? Note = null)
{
    public const string AppliedOutcome = "applied";
    public const string AlreadyAppliedOutcome = "already_applied";
    public const string StaleOutcome = "ignored_stale";

    public static WebhookHandling Applied(string? note = null) => new(AppliedOutcome, note);

    public static WebhookHandling AlreadyApplied(string? note = null) => new(AlreadyAppliedOutcome, note);

    /// <summary>The event describes a state the subject has already moved past: recorded, not applied.</summary>
    public static WebhookHandling Stale(string note) => new(StaleOutcome, note);
}

/// <summary>The payload cannot be used (a field missing or of the wrong type): retrying will not help, so it is parked.</summary>
public sealed class UnusableWebhookException : Exception, Reactors.IPermanentReactionFailure
{
    public UnusableWebhookException(string field, string message)
        : base(message) => Field = field;

    public UnusableWebhookException()
        : this("data", "The webhook payload cannot be used.")
    {
    }

    public UnusableWebhookException(string message)
        : this("data", message)
    {
    }

    public UnusableWebhookException(string message, Exception innerException)
        : base(message, innerException) => Field = "data";

    public string Field { get; }
}
