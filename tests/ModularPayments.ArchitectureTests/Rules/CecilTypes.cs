using Mono.Cecil;
using ModularPayments.ArchitectureTests.Engine;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>Questions about Cecil type definitions the rules ask.</summary>
public static class CecilTypes
{
    public const string CommandInterface = "ModularPayments.BuildingBlocks.Application.ICommand`1";
    public const string QueryInterface = "ModularPayments.BuildingBlocks.Application.IQuery`1";
    public const string DomainEventInterface = "ModularPayments.BuildingBlocks.Domain.IDomainEvent";
    public const string RequestHandlerInterface = "MediatR.IRequestHandler`2";
    public const string EventTypeAttribute = "ModularPayments.BuildingBlocks.Domain.EventTypeAttribute";

    /// <summary>Every interface the type implements, through its base types and interface inheritance (element names for generics).</summary>
    public static IEnumerable<TypeReference> AllInterfaces(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<TypeReference>();
        for (var current = type; current is not null; current = TryResolve(current.BaseType))
        {
            foreach (var implementation in current.Interfaces)
            {
                pending.Push(implementation.InterfaceType);
            }
        }

        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.FullName))
            {
                continue;
            }

            yield return next;
            foreach (var inherited in TryResolve(next)?.Interfaces ?? [])
            {
                pending.Push(inherited.InterfaceType);
            }
        }
    }

    public static bool Implements(TypeDefinition type, string interfaceElementName) =>
        AllInterfaces(type).Any(i => ElementName(i) == interfaceElementName);

    public static string ElementName(TypeReference type) =>
        type is GenericInstanceType generic ? generic.ElementType.FullName : type.FullName;

    private static bool IsConcrete(ArchType type) => type.Definition is { IsInterface: false, IsAbstract: false };

    public static bool IsCommand(ArchType type) => IsConcrete(type) && Implements(type.Definition, CommandInterface);

    public static bool IsQuery(ArchType type) => IsConcrete(type) && Implements(type.Definition, QueryInterface);

    public static bool IsDomainEvent(ArchType type) => IsConcrete(type) && Implements(type.Definition, DomainEventInterface);

    public static bool IsHandler(ArchType type) => IsConcrete(type) && Implements(type.Definition, RequestHandlerInterface);

    /// <summary>The request types a handler handles (first argument of each IRequestHandler&lt;,&gt; it implements directly).</summary>
    public static IEnumerable<string> HandledRequests(TypeDefinition handler) =>
        AllInterfaces(handler)
            .OfType<GenericInstanceType>()
            .Where(i => i.ElementType.FullName == RequestHandlerInterface)
            .Select(i => i.GenericArguments[0])
            .Where(a => a is not GenericParameter)
            .Select(a => a.FullName)
            .Distinct(StringComparer.Ordinal);

    public static bool IsRecord(TypeDefinition type) => type.Methods.Any(m => m.Name == "<Clone>$");

    public static bool IsInitOnly(MethodDefinition setter) =>
        setter.ReturnType is RequiredModifierType modifier &&
        modifier.ModifierType.FullName == "System.Runtime.CompilerServices.IsExternalInit";

    /// <summary>The type and its base types, as long as they resolve and are not the BCL's.</summary>
    public static IEnumerable<TypeDefinition> SelfAndBases(TypeDefinition type)
    {
        for (var current = type; current is not null && !current.FullName.StartsWith("System.", StringComparison.Ordinal); current = TryResolve(current.BaseType))
        {
            yield return current;
        }
    }

    public static bool ContainsFloatingPoint(TypeReference type) =>
        DependencyCollector.Decompose(type).Any(t => t.FullName is "System.Single" or "System.Double");

    public static string? EventName(TypeDefinition type)
    {
        var attribute = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == EventTypeAttribute);
        return attribute?.ConstructorArguments.Count > 0 ? attribute.ConstructorArguments[0].Value as string : null;
    }

    private static readonly HashSet<string> PrimitiveScalars = new(StringComparer.Ordinal)
    {
        "System.Guid", "System.String", "System.Int64", "System.Int32", "System.Boolean", "System.DateTimeOffset",
    };

    /// <summary>
    /// Contract-primitive: Guid, string, long, int, bool, DateTimeOffset, a nullable of one of those,
    /// IReadOnlyList of one of those, or IReadOnlyDictionary&lt;string, string&gt;.
    /// </summary>
    public static bool IsContractPrimitive(TypeReference type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (PrimitiveScalars.Contains(type.FullName))
        {
            return true;
        }

        if (type is not GenericInstanceType generic)
        {
            return false;
        }

        var arguments = generic.GenericArguments;
        return generic.ElementType.FullName switch
        {
            "System.Nullable`1" => PrimitiveScalars.Contains(arguments[0].FullName),
            "System.Collections.Generic.IReadOnlyList`1" => PrimitiveScalars.Contains(arguments[0].FullName),
            "System.Collections.Generic.IReadOnlyDictionary`2" =>
                arguments[0].FullName == "System.String" && arguments[1].FullName == "System.String",
            _ => false,
        };
    }

    public static string ShortName(TypeReference type) => type.FullName switch
    {
        "System.Single" => "float",
        "System.Double" => "double",
        _ => type.Name,
    };

    private static TypeDefinition? TryResolve(TypeReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        try
        {
            return reference.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
