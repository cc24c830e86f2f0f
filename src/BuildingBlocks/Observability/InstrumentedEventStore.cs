using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Observability;

/// <summary>
/// Traces appends and reads of whichever <see cref="IEventStore"/> adapter it wraps, and counts the events appended.
/// Attributes name the stream's category (the part before the first '-'), never the stream id: some ids carry
/// personal data (the tax-id claim stream holds the RUT). The head read (polled by /health and the lag gauge) and
/// the long-lived subscription are passed through untraced.
/// </summary>
public sealed class InstrumentedEventStore : IEventStore
{
    public const string SourceName = "ModularPayments.EventStore";
    public const string MeterName = "ModularPayments.EventStore";
    public const string AppendedCounterName = "modularpayments.eventstore.events.appended";
    public const string CategoryTag = "eventstore.stream.category";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly IEventStore _inner;
    private readonly Counter<long> _appended;

    public InstrumentedEventStore(IEventStore inner, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _appended = meters.Create(MeterName).CreateCounter<long>(AppendedCounterName, "{event}", "Events appended to the event store, by stream category");
    }

    public static string CategoryOf(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        var dash = streamId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? streamId[..dash] : streamId;
    }

    public async Task<AppendResult> AppendToStreamAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var category = CategoryOf(streamId);
        using var activity = Source.StartActivity("eventstore append", ActivityKind.Client);
        activity?.SetTag(CategoryTag, category);
        activity?.SetTag("eventstore.event_count", events.Count);
        try
        {
            var result = await _inner.AppendToStreamAsync(streamId, expected, events, cancellationToken);
            activity?.SetTag("eventstore.position", result.Position);
            _appended.Add(events.Count, new KeyValuePair<string, object?>(CategoryTag, category));
            return result;
        }
        catch (Exception exception) when (activity is not null)
        {
            // The type only: messages may quote the stream id.
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag("error.type", exception.GetType().FullName);
            throw;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = Source.StartActivity("eventstore read_stream", ActivityKind.Client);
        activity?.SetTag(CategoryTag, CategoryOf(streamId));
        var count = 0;
        await foreach (var recorded in _inner.ReadStreamAsync(streamId, direction, fromRevision, maxCount, cancellationToken))
        {
            count++;
            yield return recorded;
        }

        activity?.SetTag("eventstore.event_count", count);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = Source.StartActivity("eventstore read_all", ActivityKind.Client);
        activity?.SetTag("eventstore.after_position", afterPosition);
        var count = 0;
        await foreach (var recorded in _inner.ReadAllAsync(afterPosition, maxCount, cancellationToken))
        {
            count++;
            yield return recorded;
        }

        activity?.SetTag("eventstore.event_count", count);
    }

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        _inner.ReadHeadPositionAsync(cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(long afterPosition, CancellationToken cancellationToken = default) =>
        _inner.SubscribeToAllAsync(afterPosition, cancellationToken);
}
