using System.Collections.Frozen;
using System.Reflection;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.BuildingBlocks.EventSourcing;

/// <summary>
/// Maps each domain event type to the stable name it is stored under, found by scanning for
/// <see cref="EventTypeAttribute"/>. A duplicate name or a domain event without one is a startup error.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly FrozenDictionary<string, Type> _byName;
    private readonly FrozenDictionary<Type, string> _byType;

    public EventTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (!typeof(IDomainEvent).IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
            {
                continue;
            }

            var attribute = type.GetCustomAttribute<EventTypeAttribute>();
            if (attribute is null || string.IsNullOrWhiteSpace(attribute.Name))
            {
                problems.Add($"{type.FullName} has no [EventType(\"...\")] name");
            }
            else if (!byName.TryAdd(attribute.Name, type))
            {
                problems.Add($"'{attribute.Name}' names both {byName[attribute.Name].FullName} and {type.FullName}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Domain event registration is inconsistent: " + string.Join("; ", problems));
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = byName.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
    }

    public IReadOnlyCollection<Type> Types => _byType.Keys;

    public string NameOf(Type eventType) =>
        _byType.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException($"{eventType.FullName} is not a registered domain event.");

    public bool TryGetType(string name, out Type eventType) => _byName.TryGetValue(name, out eventType!);
}
