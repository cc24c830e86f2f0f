using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Mono.Cecil;
using ModularPayments.ArchitectureTests.Rules.Custom;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>
/// Rule 7: every domain event survives serialize → deserialize → serialize unchanged. Instances are built by
/// reflection through the constructor with the most parameters, each given a distinct sample value (so a swapped
/// or dropped field shows), and compared by their JSON (and by Equals when the event has no collections).
/// </summary>
public static class EventRoundTrip
{
    /// <summary>The product path: <see cref="EventSerializer"/> over a registry of the events' assemblies.</summary>
    public static Func<object, object?> ThroughEventSerializer(IEnumerable<Assembly> assemblies)
    {
        var serializer = new EventSerializer(new EventTypeRegistry(assemblies));
        return domainEvent =>
        {
            var data = serializer.Serialize((IDomainEvent)domainEvent, Guid.Empty, new EventMetadata(null, null));
            var recorded = new RecordedEvent("stream-1", 0, 0, data.EventId, data.EventType, data.Data, data.Metadata, DateTimeOffset.UnixEpoch);
            return serializer.Deserialize(recorded);
        };
    }

    /// <summary>The JSON the serializer writes (same options), for comparing two instances.</summary>
    public static string Json(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), JsonDefaults.Events);
    }

    /// <summary>Every domain event in <paramref name="scope"/> round-trips through <paramref name="roundTrip"/>.</summary>
    public static ArchResult Check(Selection scope, Func<object, object?> roundTrip) =>
        ArchCheck.Types("Every domain event round-trips through the serializer", ArchitectureRules.DomainEvents(scope), new RoundTrips(roundTrip));

    public static Type ToRuntimeType(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var assembly = Assembly.Load(new AssemblyName(type.Module.Assembly.Name.Name));
        return assembly.GetType(ArchCheck.DisplayName(type.FullName), throwOnError: true)!;
    }

    /// <summary>The round trip as a NetArchTest custom rule over the event's runtime type.</summary>
    private sealed class RoundTrips(Func<object, object?> roundTrip) : ExplainedRule
    {
        protected override IEnumerable<string> Offences(TypeDefinition type) =>
            RoundTrip(ToRuntimeType(type), roundTrip) is { } problem ? [problem] : [];
    }

    /// <summary>Null when <paramref name="eventType"/> round-trips; otherwise what went wrong.</summary>
    public static string? RoundTrip(Type eventType, Func<object, object?> roundTrip)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(roundTrip);
        object original;
        try
        {
            original = Sample(eventType, 0, 0);
        }
        catch (Exception e) when (e is InvalidOperationException or TargetInvocationException or NotSupportedException or ArgumentException)
        {
            return $"cannot build a sample: {(e.InnerException ?? e).Message}";
        }

        try
        {
            var copy = roundTrip(original);
            if (copy is null)
            {
                return "deserialized to null";
            }

            if (copy.GetType() != eventType)
            {
                return $"deserialized as {copy.GetType().FullName}";
            }

            var before = Json(original);
            var after = Json(copy);
            if (before != after)
            {
                return $"changes in a round trip: {before} became {after}";
            }

            // Records compare by value, unless a collection (compared by reference) is involved; the JSON covered those.
            var isRecord = eventType.GetMethod("<Clone>$") is not null;
            var hasCollections = eventType.GetProperties().Any(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType));
            return !isRecord || hasCollections || original.Equals(copy) ? null : "round-tripped copy is not Equal to the original";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or InvalidCastException or InvalidDataException)
        {
            return $"does not round-trip: {e.GetType().Name}: {e.Message}";
        }
    }

    private static readonly DateTimeOffset SampleInstant = new(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(-3));

    /// <summary>A distinct, non-default sample of <paramref name="type"/>; <paramref name="seed"/> varies it per parameter.</summary>
    public static object Sample(Type type, int seed, int depth)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (depth > 4)
        {
            throw new InvalidOperationException($"{type.FullName} nests too deeply to sample");
        }

        var n = seed + 1;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Sample(underlying, seed, depth);
        }

        if (type == typeof(string))
        {
            return "x" + n.ToString(CultureInfo.InvariantCulture);
        }

        if (type == typeof(Guid))
        {
            return new Guid(n, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8);
        }

        if (type == typeof(DateTimeOffset))
        {
            return SampleInstant.AddMinutes(n);
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(SampleInstant.UtcDateTime).AddDays(n);
        }

        if (type == typeof(DateTime))
        {
            return SampleInstant.UtcDateTime.AddMinutes(n);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(byte[]))
        {
            return new byte[] { 1, (byte)n };
        }

        if (type.IsEnum)
        {
            var members = Enum.GetValues(type);
            return members.GetValue(members.Length - 1)!;
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Convert.ChangeType(n, type, CultureInfo.InvariantCulture);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (arguments.Length == 2 && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
                dictionary.Add(Sample(arguments[0], seed, depth + 1), Sample(arguments[1], seed + 1, depth + 1));
                return dictionary;
            }

            if (arguments.Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments))!;
                list.Add(Sample(arguments[0], seed, depth + 1));
                list.Add(Sample(arguments[0], seed + 1, depth + 1));
                if (type.IsAssignableFrom(list.GetType()))
                {
                    return list;
                }

                throw new NotSupportedException($"cannot sample collection type {type}");
            }
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 1);
            array.SetValue(Sample(element, seed, depth + 1), 0);
            return array;
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => !(c.GetParameters() is [var only] && only.ParameterType == type)) // a record's copy constructor
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.FullName} has no public constructor");
        var parameters = constructor.GetParameters();
        var values = parameters.Select((p, i) => Sample(p.ParameterType, seed * 10 + i, depth + 1)).ToArray();
        return constructor.Invoke(values);
    }
}
