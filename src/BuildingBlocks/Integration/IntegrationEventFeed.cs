using System.Globalization;
using System.Text;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Integration;

/// <summary>One integration event as the merchant feed shows it; <see cref="Position"/> is where it sits in the log.</summary>
public sealed record FeedEntry(string Id, string Type, DateTimeOffset CreatedAt, object Data, long Position);

/// <summary>A page of the feed: <see cref="NextCursor"/> resumes right after the last log event this page looked at.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, long NextCursor, bool HasMore);

/// <summary>
/// Every module's integration events in global log order, for merchants catching up after downtime: the global log read
/// from a position, each domain event mapped by the modules' <see cref="IIntegrationEventMapper"/>s. Nothing is stored
/// besides the log, so the feed is the same on every instance and after every rebuild.
/// </summary>
public sealed class IntegrationEventFeed(IEventStore eventStore, EventSerializer serializer, IEnumerable<IIntegrationEventMapper> mappers)
{
    /// <summary>How many log events one page may look at before it answers (with <c>has_more</c>) even if it found fewer.</summary>
    public const int MaxScannedPerPage = 5_000;

    private const int ReadBatch = 500;
    private readonly IReadOnlyList<IIntegrationEventMapper> _mappers = [.. mappers];

    public async Task<FeedPage> ReadAsync(long after, IReadOnlySet<string>? types, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var entries = new List<FeedEntry>();
        var cursor = after;
        var scanned = 0;
        while (scanned < MaxScannedPerPage)
        {
            var batch = 0;
            await foreach (var record in eventStore.ReadAllAsync(cursor, ReadBatch, cancellationToken))
            {
                batch++;
                scanned++;
                cursor = record.Position;
                entries.AddRange(EntriesOf(record, types));
                if (entries.Count >= limit)
                {
                    return new FeedPage(entries, cursor, HasMore: true);
                }
            }

            if (batch < ReadBatch)
            {
                return new FeedPage(entries, cursor, HasMore: false);
            }
        }

        return new FeedPage(entries, cursor, HasMore: true);
    }

    /// <summary><c>ModularPayments.Modules.PaymentMethods.Contracts.PaymentMethodActivated</c> is <c>payment_methods.payment_method_activated</c>.</summary>
    public static string TypeNameOf(Type integrationEventType)
    {
        ArgumentNullException.ThrowIfNull(integrationEventType);
        var module = integrationEventType.Namespace?.Split('.') is [.., var name, "Contracts"] ? name : "modularpayments";
        return SnakeCase(module) + "." + SnakeCase(integrationEventType.Name);
    }

    private IEnumerable<FeedEntry> EntriesOf(RecordedEvent record, IReadOnlySet<string>? types)
    {
        var domainEvent = serializer.Deserialize(record);
        if (domainEvent is null)
        {
            yield break;
        }

        var index = 0;
        foreach (var integrationEvent in _mappers.SelectMany(mapper => mapper.Map(domainEvent, record)))
        {
            var type = TypeNameOf(integrationEvent.GetType());
            var id = "mp_evt_" + record.EventId.ToString("N") + (index == 0 ? string.Empty : "_" + index.ToString(CultureInfo.InvariantCulture));
            index++;
            if (types is null || types.Contains(type))
            {
                yield return new FeedEntry(id, type, record.CreatedAt, integrationEvent, record.Position);
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
