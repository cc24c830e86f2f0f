using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>
/// Feeds one reactor from the global log, from its own checkpoint. An event the reactor wants is tried up to
/// <see cref="ReactorOptions.MaxAttempts"/> times with growing pauses, then parked (an event in
/// <c>reactors.parked-{name}</c>) and passed: the checkpoint only moves past an event once it succeeded or was parked.
/// A <see cref="ReactionRetryRequested"/> in the log sends the parked event through the same path again.
/// </summary>
public sealed partial class ReactorRunner(
    IReactor reactor,
    IEventStore eventStore,
    EventSerializer serializer,
    ReactorCheckpoints checkpoints,
    ReactorStatusBoard board,
    IOptions<ReactorOptions> options,
    TimeProvider timeProvider,
    ILogger<ReactorRunner> logger)
{
    /// <summary>Events the reactor does not want are checkpointed in batches of this many.</summary>
    private const int SkippedEventsPerCheckpoint = 500;

    public string Name => reactor.Name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var position = await checkpoints.ReadAsync(reactor.Name, cancellationToken);
        await LoadParkedAsync(cancellationToken);
        Report(ReactorState.CatchingUp, position);

        var live = false;
        var unsaved = 0;
        await foreach (var message in eventStore.SubscribeToAllAsync(position, cancellationToken))
        {
            switch (message)
            {
                case SubscriptionMessage.Event { Record: var record }:
                    var reactorEvent = new ReactorEvent(record, serializer.Deserialize(record));
                    TrackParking(reactorEvent);
                    position = record.Position;
                    if (reactorEvent.Event is ReactionRetryRequested retry && retry.Reactor == reactor.Name)
                    {
                        await RetryParkedAsync(retry, record.EventId, cancellationToken);
                        await SaveAsync(position, live, cancellationToken);
                        unsaved = 0;
                    }
                    else if (reactor.Wants(reactorEvent))
                    {
                        await ReactWithRetriesAsync(reactorEvent, retryId: null, cancellationToken);
                        await SaveAsync(position, live, cancellationToken);
                        unsaved = 0;
                    }
                    else if (++unsaved >= SkippedEventsPerCheckpoint)
                    {
                        await SaveAsync(position, live, cancellationToken);
                        unsaved = 0;
                    }
                    else
                    {
                        // Not saved yet (a replay of up to that many skipped events is harmless), but /health must
                        // not show lag for events this reactor passed: EventStoreDB sends no checkpoint while live.
                        Report(live ? ReactorState.Live : ReactorState.CatchingUp, position);
                    }

                    break;
                case SubscriptionMessage.CaughtUp caughtUp:
                    live = true;
                    position = Math.Max(position, caughtUp.Position);
                    await SaveAsync(position, live, cancellationToken);
                    unsaved = 0;
                    break;
                case SubscriptionMessage.Checkpoint checkpoint:
                    position = Math.Max(position, checkpoint.Position);
                    await SaveAsync(position, live, cancellationToken);
                    unsaved = 0;
                    break;
            }
        }
    }

    public void ReportFault(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        LogFaulted(logger, reactor.Name, exception);
        board.Update(reactor.Name, p => p with { State = ReactorState.Faulted, LastError = exception.GetType().Name + ": " + exception.Message }, timeProvider.GetUtcNow());
    }

    /// <summary>
    /// The parked event, read again from its stream, reacted to as the first time. Nothing happens when it was resolved
    /// in the meantime (another instance, an earlier request) or when its stream no longer holds it.
    /// </summary>
    private async Task RetryParkedAsync(ReactionRetryRequested retry, Guid retryId, CancellationToken cancellationToken)
    {
        if (board.Get(reactor.Name)?.Parked.Contains(retry.Subject) != true)
        {
            return;
        }

        await foreach (var record in eventStore.ReadStreamAsync(retry.StreamId, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue, cancellationToken))
        {
            if (record.EventId == retry.EventId)
            {
                LogRetrying(logger, reactor.Name, record.EventType, record.Position);
                await ReactWithRetriesAsync(new ReactorEvent(record, serializer.Deserialize(record)), retryId, cancellationToken);
                return;
            }
        }

        LogRetryTargetMissing(logger, reactor.Name, retry.StreamId);
    }

    private async Task ReactWithRetriesAsync(ReactorEvent reactorEvent, Guid? retryId, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await reactor.ReactAsync(reactorEvent, cancellationToken);
                await ResolveIfParkedAsync(reactorEvent, retryId, cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any failure of a reaction is retried, then parked: one poison event never blocks the rest.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var failure = new ReactionFailure(attempt, exception.GetType().Name, exception.Message, exception is IPermanentReactionFailure, timeProvider.GetUtcNow());
                LogAttemptFailed(logger, reactor.Name, reactorEvent.Record.EventType, reactorEvent.Record.Position, attempt, maxAttempts, failure.ErrorType, failure.Reason);
                await reactor.OnAttemptFailedAsync(reactorEvent, failure, cancellationToken);
                if (failure.Permanent || attempt >= maxAttempts)
                {
                    await ParkAsync(reactorEvent, failure, retryId, cancellationToken);
                    return;
                }

                await Task.Delay(options.Value.DelayBefore(attempt + 1), timeProvider, cancellationToken);
            }
        }
    }

    /// <param name="retryId">The retry request this attempt answers, if any: a park or resolution per request, not one per event.</param>
    private async Task ParkAsync(ReactorEvent reactorEvent, ReactionFailure failure, Guid? retryId, CancellationToken cancellationToken)
    {
        var record = reactorEvent.Record;
        var subject = reactor.SubjectOf(reactorEvent);
        var parked = new ReactionParked(reactor.Name, subject, record.StreamId, record.Position, record.EventId, record.EventType, failure.Attempt, failure.ErrorType, failure.Reason, failure.At);
        // Derived from what was parked: another instance parking the same event appends the same event id.
        var eventId = DeterministicGuid.Create($"reactors/parked/{reactor.Name}/{subject}/{record.EventId:N}{RetrySuffix(retryId)}");
        await AppendAsync(parked, eventId, record, cancellationToken);
        LogParked(logger, reactor.Name, record.EventType, record.Position, failure.Attempt, failure.Reason);
        board.Update(reactor.Name, p => p with { Parked = p.Parked.Add(subject) }, timeProvider.GetUtcNow());
        await reactor.OnParkedAsync(reactorEvent, failure, cancellationToken);
    }

    private async Task ResolveIfParkedAsync(ReactorEvent reactorEvent, Guid? retryId, CancellationToken cancellationToken)
    {
        var subject = reactor.SubjectOf(reactorEvent);
        if (board.Get(reactor.Name)?.Parked.Contains(subject) != true)
        {
            return;
        }

        var eventId = DeterministicGuid.Create($"reactors/resolved/{reactor.Name}/{subject}/{reactorEvent.Record.EventId:N}{RetrySuffix(retryId)}");
        await AppendAsync(new ReactionResolved(reactor.Name, subject, timeProvider.GetUtcNow()), eventId, reactorEvent.Record, cancellationToken);
        board.Update(reactor.Name, p => p with { Parked = p.Parked.Remove(subject) }, timeProvider.GetUtcNow());
    }

    private static string RetrySuffix(Guid? retryId) => retryId is { } id ? $"/retry/{id:N}" : string.Empty;

    private Task AppendAsync(Domain.IDomainEvent domainEvent, Guid eventId, RecordedEvent cause, CancellationToken cancellationToken)
    {
        var metadata = new EventMetadata(serializer.ReadMetadata(cause).CorrelationId, cause.EventId.ToString());
        return eventStore.AppendToStreamAsync(ParkedReactionStreams.Of(reactor.Name), ExpectedRevision.Any, [serializer.Serialize(domainEvent, eventId, metadata)], cancellationToken);
    }

    /// <summary>The parked set as every instance left it: folded from this reactor's parked stream.</summary>
    private async Task LoadParkedAsync(CancellationToken cancellationToken)
    {
        var parked = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in eventStore.ReadStreamAsync(ParkedReactionStreams.Of(reactor.Name), ReadDirection.Forwards, StreamRevision.Start, long.MaxValue, cancellationToken))
        {
            switch (serializer.Deserialize(record))
            {
                case ReactionParked p:
                    parked.Add(p.Subject);
                    break;
                case ReactionResolved r:
                    parked.Remove(r.Subject);
                    break;
            }
        }

        board.Update(reactor.Name, p => p with { Parked = [.. parked] }, timeProvider.GetUtcNow());
    }

    /// <summary>Parks and resolutions written by another instance show up in the log too.</summary>
    private void TrackParking(ReactorEvent reactorEvent)
    {
        switch (reactorEvent.Event)
        {
            case ReactionParked p when p.Reactor == reactor.Name:
                board.Update(reactor.Name, s => s with { Parked = s.Parked.Add(p.Subject) }, timeProvider.GetUtcNow());
                break;
            case ReactionResolved r when r.Reactor == reactor.Name:
                board.Update(reactor.Name, s => s with { Parked = s.Parked.Remove(r.Subject) }, timeProvider.GetUtcNow());
                break;
        }
    }

    private async Task SaveAsync(long position, bool live, CancellationToken cancellationToken)
    {
        await checkpoints.WriteAsync(reactor.Name, position, cancellationToken);
        Report(live ? ReactorState.Live : ReactorState.CatchingUp, position);
    }

    private void Report(ReactorState state, long position) =>
        board.Update(reactor.Name, p => p with { State = state, Position = position, LastError = state == ReactorState.Faulted ? p.LastError : null }, timeProvider.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reactor {Reactor}: {EventType} at {Position} failed (attempt {Attempt} of {MaxAttempts}): {ErrorType}: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string reactor, string eventType, long position, int attempt, int maxAttempts, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reactor {Reactor}: {EventType} at {Position} parked after {Attempts} attempts: {Reason}")]
    private static partial void LogParked(ILogger logger, string reactor, string eventType, long position, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reactor {Reactor}: retrying parked {EventType} at {Position}, as an operator asked")]
    private static partial void LogRetrying(ILogger logger, string reactor, string eventType, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reactor {Reactor}: the parked event to retry is no longer in stream {StreamId}")]
    private static partial void LogRetryTargetMissing(ILogger logger, string reactor, string streamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reactor {Reactor} failed; it restarts from its last checkpoint")]
    private static partial void LogFaulted(ILogger logger, string reactor, Exception exception);
}
