using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>A reaction parked and not resolved since, and whether a retry has been asked for and not yet seen through.</summary>
public sealed record ParkedReaction(ReactionParked Parked, DateTimeOffset? RetryRequestedAt);

/// <summary>
/// What operators see of a reactor's parked stream, and their way to try a parked reaction again. The retry is an event
/// in that stream (not a call into this instance), so whichever instance runs the reactor carries it out.
/// </summary>
public sealed class ParkedReactionLog(IEventStore eventStore, EventSerializer serializer, TimeProvider timeProvider)
{
    /// <summary>The reactor's unresolved parked reactions, oldest first.</summary>
    public async Task<IReadOnlyList<ParkedReaction>> ListAsync(string reactorName, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, ParkedReaction>(StringComparer.Ordinal);
        await foreach (var record in eventStore.ReadStreamAsync(ParkedReactionStreams.Of(reactorName), ReadDirection.Forwards, StreamRevision.Start, long.MaxValue, cancellationToken))
        {
            switch (serializer.Deserialize(record))
            {
                case ReactionParked parked:
                    open[parked.Subject] = new ParkedReaction(parked, null);
                    break;
                case ReactionResolved resolved:
                    open.Remove(resolved.Subject);
                    break;
                case ReactionRetryRequested retry when open.TryGetValue(retry.Subject, out var reaction):
                    open[retry.Subject] = reaction with { RetryRequestedAt = retry.RequestedAt };
                    break;
            }
        }

        return [.. open.Values.OrderBy(r => r.Parked.ParkedAt)];
    }

    /// <summary>Asks the reactor to try <paramref name="subject"/> again; false when nothing of that subject is parked.</summary>
    public async Task<bool> RequestRetryAsync(string reactorName, string subject, string? requestedBy, CancellationToken cancellationToken)
    {
        var parked = (await ListAsync(reactorName, cancellationToken)).FirstOrDefault(r => r.Parked.Subject == subject)?.Parked;
        if (parked is null)
        {
            return false;
        }

        var retry = new ReactionRetryRequested(reactorName, subject, parked.StreamId, parked.EventId, timeProvider.GetUtcNow());
        await eventStore.AppendToStreamAsync(
            ParkedReactionStreams.Of(reactorName),
            ExpectedRevision.Any,
            [serializer.Serialize(retry, Guid.CreateVersion7(timeProvider.GetUtcNow()), new EventMetadata(requestedBy, null))],
            cancellationToken);
        return true;
    }
}
