using System.Text.RegularExpressions;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>A verified delivery to store: the provider's envelope fields and the raw body as received.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, string? Mode, DateTimeOffset? CreatedAt, string Payload);

public enum InboxAcceptance
{
    /// <summary>First time this event id arrived: stored, the reactor will process it.</summary>
    Stored,

    /// <summary>Already in the inbox (a redelivery, or another instance got it first): nothing changed.</summary>
    Duplicate,
}

/// <summary>
/// The durable webhook inbox: one stream per provider event id, created with "no stream" expected. The event store's
/// optimistic concurrency is the dedupe, so several instances on one store accept each event exactly once.
/// </summary>
public sealed partial class WebhookInbox(IEventStore eventStore, EventSerializer serializer, TimeProvider timeProvider)
{
    public const int MaxEventIdLength = 128;

    /// <summary>Whether <paramref name="eventId"/> can name an inbox stream (letters, digits, '_' and '-').</summary>
    public static bool IsValidEventId(string? eventId) =>
        eventId is { Length: > 0 and <= MaxEventIdLength } && EventIdShape().IsMatch(eventId);

    public async Task<InboxAcceptance> AcceptAsync(WebhookDelivery delivery, Guid deliveryId, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!IsValidEventId(delivery.EventId))
        {
            throw new ArgumentException("The event id cannot name an inbox entry.", nameof(delivery));
        }

        var received = new WebhookReceived(delivery.EventId, delivery.EventType, delivery.Mode, delivery.CreatedAt, delivery.Payload, timeProvider.GetUtcNow());
        // The id is this delivery's own: a retry of this very append is idempotent, another delivery of the same event
        // (a redelivery, another instance) meets an existing stream and is told so.
        var data = serializer.Serialize(received, deliveryId, new EventMetadata(correlationId, delivery.EventId));
        try
        {
            await eventStore.AppendToStreamAsync(WebhookInboxStreams.Of(delivery.EventId), ExpectedRevision.NoStream, [data], cancellationToken);
            return InboxAcceptance.Stored;
        }
        catch (WrongExpectedRevisionException)
        {
            return InboxAcceptance.Duplicate;
        }
    }

    /// <summary>Asks the reactor to process a stored event again. False when no such event is in the inbox.</summary>
    public async Task<bool> RequestReprocessAsync(string eventId, string? correlationId, CancellationToken cancellationToken)
    {
        if (!IsValidEventId(eventId))
        {
            return false;
        }

        var stream = WebhookInboxStreams.Of(eventId);
        var exists = false;
        await foreach (var _ in eventStore.ReadStreamAsync(stream, ReadDirection.Backwards, StreamRevision.End, 1, cancellationToken))
        {
            exists = true;
        }

        if (!exists)
        {
            return false;
        }

        var request = serializer.Serialize(new WebhookReprocessRequested(timeProvider.GetUtcNow()), Guid.NewGuid(), new EventMetadata(correlationId, null));
        await eventStore.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, [request], cancellationToken);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdShape();
}
