using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Reactors;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>
/// Processes the webhook inbox: each stored delivery (and each reprocess request) is handed to every module's
/// translator for its type, and the outcome is recorded in the entry's stream under optimistic concurrency, so two
/// instances, or a replay after a crash, record it once. A type no module handles is marked ignored.
/// </summary>
public sealed class WebhookInboxReactor(
    IEnumerable<IWebhookTranslator> translators,
    IServiceScopeFactory scopes,
    IEventStore eventStore,
    EventSerializer serializer,
    TimeProvider timeProvider) : IReactor
{
    public const string ReactorName = "webhooks";

    private readonly ILookup<string, IWebhookTranslator> _translators =
        translators.SelectMany(t => t.EventTypes.Select(type => (type, t))).ToLookup(p => p.type, p => p.t, StringComparer.Ordinal);

    public string Name => ReactorName;

    public IReadOnlyCollection<string> HandledEventTypes => [.. _translators.Select(group => group.Key).Order(StringComparer.Ordinal)];

    public bool Wants(ReactorEvent reactorEvent) => reactorEvent.Event is WebhookReceived or WebhookReprocessRequested;

    public string SubjectOf(ReactorEvent reactorEvent) => ProviderEventId(reactorEvent.Record);

    public async Task ReactAsync(ReactorEvent reactorEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reactorEvent);
        var stream = reactorEvent.Record.StreamId;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<Infrastructure.RequestContext>();
        context.CorrelationId = serializer.ReadMetadata(reactorEvent.Record).CorrelationId;
        context.CausationId = reactorEvent.Record.EventId.ToString();
        var store = scope.ServiceProvider.GetRequiredService<IAggregateStore>();
        var entry = await store.LoadAsync<WebhookInboxEntry>(stream, cancellationToken);
        if (!entry.State.AwaitsProcessing)
        {
            return; // Done already: by an earlier run, or by another instance.
        }

        var delivery = entry.State.Delivery!;
        var handlers = _translators[delivery.EventType].ToList();
        if (handlers.Count == 0)
        {
            await RecordAsync(store, stream, new WebhookIgnored("no_handler", timeProvider.GetUtcNow()), cancellationToken);
            return;
        }

        var webhook = ToInboxedWebhook(delivery);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var outcomes = new List<WebhookHandling>();
        foreach (var translator in handlers)
        {
            outcomes.Add(await mediator.Send(translator.Translate(webhook), cancellationToken));
        }

        var outcome = outcomes.All(o => o.Outcome == WebhookHandling.StaleOutcome) ? WebhookHandling.StaleOutcome
            : outcomes.All(o => o.Outcome == WebhookHandling.AlreadyAppliedOutcome) ? WebhookHandling.AlreadyAppliedOutcome
            : WebhookHandling.AppliedOutcome;
        var note = string.Join("; ", outcomes.Select(o => o.Note).Where(n => !string.IsNullOrEmpty(n)));
        await RecordAsync(store, stream, new WebhookProcessed(outcome, note.Length == 0 ? null : note, timeProvider.GetUtcNow()), cancellationToken);
    }

    public Task OnAttemptFailedAsync(ReactorEvent reactorEvent, ReactionFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reactorEvent);
        ArgumentNullException.ThrowIfNull(failure);
        var attempt = new WebhookAttemptFailed(failure.Attempt, failure.ErrorType, failure.Reason, failure.At);
        return AppendAnyAsync(reactorEvent.Record, attempt, $"attempt/{failure.Attempt}", cancellationToken);
    }

    public Task OnParkedAsync(ReactorEvent reactorEvent, ReactionFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reactorEvent);
        ArgumentNullException.ThrowIfNull(failure);
        var parked = new WebhookParked(failure.Attempt, failure.ErrorType, failure.Reason, failure.At);
        return AppendAnyAsync(reactorEvent.Record, parked, "parked", cancellationToken);
    }

    public static InboxedWebhook ToInboxedWebhook(WebhookReceived delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var document = JsonDocument.Parse(delivery.Payload);
        var data = document.RootElement.TryGetProperty("data", out var value) ? value.Clone() : default;
        return new InboxedWebhook(delivery.EventId, delivery.EventType, delivery.CreatedAt, data);
    }

    private static async Task RecordAsync(IAggregateStore store, string stream, Domain.IDomainEvent outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = await store.LoadAsync<WebhookInboxEntry>(stream, cancellationToken);
            if (!entry.State.AwaitsProcessing)
            {
                return; // Another instance recorded the outcome first.
            }

            entry.Record(outcome);
            try
            {
                await store.StoreAsync(stream, entry, cancellationToken: cancellationToken);
                return;
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // An attempt record or a reprocess request came in between: look again.
            }
        }
    }

    /// <summary>Attempt and park records are appended whatever the revision; their ids are derived from what caused them.</summary>
    private Task AppendAnyAsync(RecordedEvent cause, Domain.IDomainEvent record, string what, CancellationToken cancellationToken)
    {
        var eventId = DeterministicGuid.Create($"webhooks/{cause.StreamId}/{cause.EventId:N}/{what}");
        var metadata = new EventMetadata(serializer.ReadMetadata(cause).CorrelationId, cause.EventId.ToString());
        return eventStore.AppendToStreamAsync(cause.StreamId, ExpectedRevision.Any, [serializer.Serialize(record, eventId, metadata)], cancellationToken);
    }

    private static string ProviderEventId(RecordedEvent record) =>
        record.StreamId.StartsWith(WebhookInboxStreams.Prefix, StringComparison.Ordinal)
            ? record.StreamId[WebhookInboxStreams.Prefix.Length..]
            : record.EventId.ToString("N");
}
