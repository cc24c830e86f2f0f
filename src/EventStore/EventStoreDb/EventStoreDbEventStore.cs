using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.EventStoreDb.Appending;
using ModularPayments.EventStore.EventStoreDb.Connection;
using ModularPayments.EventStore.EventStoreDb.Protocol;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;
using ModularPayments.EventStore.EventStoreDb.Transport;

namespace ModularPayments.EventStore.EventStoreDb;

/// <summary>
/// The event-store port on EventStoreDB / KurrentDB (gRPC protocol v1, server 23.10 or newer), through the generated
/// gRPC client in <see cref="EventStoreDbChannel"/>. Positions are commit positions (see <see cref="Responses"/>); the global log,
/// the head position and subscriptions leave out EventStoreDB's own events (types starting with '$').
/// </summary>
public sealed partial class EventStoreDbEventStore : IEventStore, IDisposable
{
    private readonly EventStoreDbOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EventStoreDbChannel _channel;
    private readonly FailoverWait _failover;

    public EventStoreDbEventStore(EventStoreDbConnectionString connection, EventStoreDbOptions options, TimeProvider timeProvider, ILogger<EventStoreDbEventStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Connection = connection;
        _failover = new FailoverWait(connection.FailoverTimeout, timeProvider, _logger);
        _channel = new EventStoreDbChannel(connection, _logger, options.MaxReceiveMessageLength, _failover);
    }

    /// <summary>The settings in use (its ToString hides the password).</summary>
    public EventStoreDbConnectionString Connection { get; }

    /// <summary>
    /// Appends; while the cluster has no leader (a failover) the whole attempt, event-id check included, is repeated
    /// within <see cref="EventStoreDbConnectionString.FailoverTimeout"/>, so an append whose answer was lost is found
    /// stored and acknowledged, never written twice (ADR 0018).
    /// </summary>
    public Task<AppendResult> AppendToStreamAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
        {
            throw new ArgumentException("An append cannot carry the same event id twice.", nameof(events));
        }

        return _failover.RunAsync("append", () => AppendOnceAsync(streamId, expected, events, cancellationToken), cancellationToken);
    }

    private async Task<AppendResult> AppendOnceAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        if (events.Count > 0 && _options.VerifyEventIdsBeforeAppend)
        {
            var stored = await CollectAsync(ReadStreamCoreAsync(streamId, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue, waitForLeader: false, cancellationToken)).ConfigureAwait(false);
            if (IdempotentAppendCheck.Evaluate(streamId, expected, events, stored) is { } original)
            {
                return original;
            }
        }

        AppendResp response;
        try
        {
            response = await _channel.AppendAsync(Requests.Append(streamId, expected, events), Connection.DefaultDeadline, cancellationToken).ConfigureAwait(false);
        }
        catch (EventStoreDbException refused) when (refused.ErrorKind == "wrong-expected-version")
        {
            throw new WrongExpectedRevisionException(streamId, expected, ActualVersionFrom(refused));
        }

        return response.ResultCase switch
        {
            AppendResp.ResultOneofCase.Success => await SucceededAsync(response.Success, events.Count, cancellationToken).ConfigureAwait(false),
            AppendResp.ResultOneofCase.WrongExpectedVersion => throw Conflict(streamId, expected, events, Responses.ActualRevision(response.WrongExpectedVersion)),
            _ => throw new EventStoreDbException(StatusCode.Internal, $"EventStoreDB answered the append to '{streamId}' with neither success nor wrong_expected_version."),
        };
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, CancellationToken cancellationToken = default) =>
        ReadStreamCoreAsync(streamId, direction, fromRevision, maxCount, waitForLeader: true, cancellationToken);

    private async IAsyncEnumerable<RecordedEvent> ReadStreamCoreAsync(string streamId, ReadDirection direction, long fromRevision, long maxCount, bool waitForLeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            yield break;
        }

        var responses = _channel.ReadAsync(Requests.ReadStream(streamId, direction, fromRevision, maxCount), waitForLeader, cancellationToken);
        await using var enumerator = responses.GetAsyncEnumerator(cancellationToken);
        while (await MoveNextUnlessStreamNotFoundAsync(enumerator).ConfigureAwait(false))
        {
            switch (enumerator.Current.ContentCase)
            {
                case ReadResp.ContentOneofCase.Event:
                    yield return Responses.ToRecordedEvent(enumerator.Current.Event);
                    break;
                case ReadResp.ContentOneofCase.StreamNotFound:
                    yield break;
                default:
                    // first_stream_position / last_stream_position (compatibility 1) carry nothing the port needs.
                    break;
            }
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            yield break;
        }

        // A forwards read of $all from P includes the event at P, which the port's "after P" leaves out: ask for one more.
        var count = afterPosition == LogPosition.Start ? (ulong)maxCount : (ulong)maxCount + 1;
        var delivered = 0L;
        await foreach (var response in _channel.ReadAsync(Requests.ReadAll(afterPosition, ReadDirection.Forwards, count, _options.FilterSearchWindow), cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase != ReadResp.ContentOneofCase.Event)
            {
                continue;
            }

            var recorded = Responses.ToRecordedEvent(response.Event);
            if (recorded.Position <= afterPosition)
            {
                continue;
            }

            yield return recorded;
            if (++delivered == maxCount)
            {
                yield break;
            }
        }
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var response in _channel.ReadAsync(Requests.ReadAll(LogPosition.Start, ReadDirection.Backwards, 1, _options.FilterSearchWindow), cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                return Responses.ToRecordedEvent(response.Event).Position;
            }
        }

        return LogPosition.Start;
    }

    /// <summary>
    /// A catch-up subscription to $all with a server-side filter that leaves out system events. Checkpoints from the
    /// server come through as <see cref="SubscriptionMessage.Checkpoint"/>. When the connection drops, it reconnects
    /// with a growing (bounded) delay and resumes after the last position it handed out.
    /// </summary>
    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        var resumeAfter = afterPosition;
        var failedAttempts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var request = Requests.SubscribeToAll(resumeAfter, _options.FilterSearchWindow, _options.CheckpointIntervalMultiplier);
            var responses = _channel.ReadAsync(request, cancellationToken);
            EventStoreDbException? dropped = null;
            await using (var enumerator = responses.GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    var (moved, failure) = await TryMoveNextAsync(enumerator, cancellationToken).ConfigureAwait(false);
                    if (failure is not null || !moved)
                    {
                        dropped = failure ?? new EventStoreDbException(StatusCode.Unavailable, "The node ended the subscription.");
                        break;
                    }

                    var message = ToSubscriptionMessage(enumerator.Current, ref resumeAfter);
                    if (message is null)
                    {
                        continue;
                    }

                    failedAttempts = 0;
                    yield return message;
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            failedAttempts++;
            if (failedAttempts > _options.MaxReconnectAttempts)
            {
                throw dropped;
            }

            var delay = ReconnectDelay(failedAttempts);
            LogSubscriptionDropped(_logger, resumeAfter, failedAttempts, delay.TotalMilliseconds, dropped);
            try
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>The port message for a server message, moving <paramref name="resumeAfter"/> past what it covers.</summary>
    internal static SubscriptionMessage? ToSubscriptionMessage(ReadResp response, ref long resumeAfter)
    {
        switch (response.ContentCase)
        {
            case ReadResp.ContentOneofCase.Event:
                var recorded = Responses.ToRecordedEvent(response.Event);
                if (recorded.Position <= resumeAfter)
                {
                    return null; // already handed out before a reconnect
                }

                resumeAfter = recorded.Position;
                return new SubscriptionMessage.Event(recorded);
            case ReadResp.ContentOneofCase.Checkpoint:
                // Servers may send a checkpoint with prepare_position 0 or an empty first one: the commit position is
                // what resumes correctly, and only progress is worth storing.
                var checkpoint = Responses.ToLong(response.Checkpoint.CommitPosition, "checkpoint position");
                if (checkpoint <= resumeAfter)
                {
                    return null;
                }

                resumeAfter = checkpoint;
                return new SubscriptionMessage.Checkpoint(checkpoint);
            case ReadResp.ContentOneofCase.CaughtUp:
                return new SubscriptionMessage.CaughtUp(resumeAfter);
            default:
                // confirmation, fell_behind and the stream-read markers carry nothing the port needs.
                return null;
        }
    }

    private TimeSpan ReconnectDelay(int failedAttempts)
    {
        var delay = _options.ReconnectDelay;
        for (var i = 1; i < failedAttempts && delay < _options.MaxReconnectDelay; i++)
        {
            delay += delay;
        }

        return delay < _options.MaxReconnectDelay ? delay : _options.MaxReconnectDelay;
    }

    private static async Task<(bool Moved, EventStoreDbException? Failure)> TryMoveNextAsync(IAsyncEnumerator<ReadResp> enumerator, CancellationToken cancellationToken)
    {
        try
        {
            return (await enumerator.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (EventStoreDbException failure) when (failure.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            return (false, failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (false, null);
        }
    }

    /// <summary>Servers before 21.x answer a read of a missing stream with status NOT_FOUND and exception=stream-not-found.</summary>
    private static async Task<bool> MoveNextUnlessStreamNotFoundAsync(IAsyncEnumerator<ReadResp> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (EventStoreDbException notFound) when (notFound.ErrorKind == "stream-not-found")
        {
            return false;
        }
    }

    private async Task<AppendResult> SucceededAsync(AppendResp.Types.Success success, int eventCount, CancellationToken cancellationToken)
    {
        var revision = success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
            ? Responses.ToLong(success.CurrentRevision, "stream revision")
            : -1;

        // An empty append writes nothing, so like the SQLite store it reports the head of the log.
        if (eventCount == 0 || success.PositionOptionCase != AppendResp.Types.Success.PositionOptionOneofCase.Position)
        {
            return new AppendResult(revision, await ReadHeadPositionAsync(cancellationToken).ConfigureAwait(false));
        }

        return new AppendResult(revision, Responses.ToLong(success.Position.CommitPosition, "commit position"));
    }

    /// <summary>
    /// A conflict that cannot be one (no expectation at all, or the stream is where the writer said) is EventStoreDB's
    /// "corrupted idempotency": some of the events are stored already, but not as this write.
    /// </summary>
    private static Exception Conflict(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, long actual) =>
        events.Count > 0 && expected.IsSatisfiedBy(actual)
            ? new DuplicateEventIdException(streamId, events[0].EventId)
            : new WrongExpectedRevisionException(streamId, expected, actual);

    private static long ActualVersionFrom(EventStoreDbException refused) =>
        refused.Metadata.TryGetValue("actual-version", out var text) && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var actual)
            ? actual
            : -1;

    private static async Task<List<RecordedEvent>> CollectAsync(IAsyncEnumerable<RecordedEvent> source)
    {
        var items = new List<RecordedEvent>();
        await foreach (var item in source.ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventStoreDB subscription dropped; resuming after position {Position} (attempt {Attempt}) in {DelayMs} ms")]
    private static partial void LogSubscriptionDropped(ILogger logger, long position, int attempt, double delayMs, Exception exception);
}
