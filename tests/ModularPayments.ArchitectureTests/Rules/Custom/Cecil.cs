using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>The few questions about Cecil definitions the custom rules ask.</summary>
public static class Cecil
{
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

    public static bool IsCompilerGenerated(ICustomAttributeProvider member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.CustomAttributes.Any(a => a.AttributeType.FullName == CompilerGenerated);
    }

    /// <summary>
    /// The type and its compiler-generated nested types (closures, lambdas, async and iterator state machines): NetArchTest
    /// leaves those out of a selection and folds them into their declaring type, so the custom rules do the same.
    /// </summary>
    public static IEnumerable<TypeDefinition> WithGeneratedNested(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        yield return type;
        foreach (var nested in type.NestedTypes.Where(IsCompilerGenerated).SelectMany(WithGeneratedNested))
        {
            yield return nested;
        }
    }

    /// <summary>The outermost declaring type (NetArchTest 1.3.2 gives nested internal types an empty namespace).</summary>
    public static TypeDefinition Outermost(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>The type and its base types, as long as they resolve and are not the BCL's.</summary>
    public static IEnumerable<TypeDefinition> SelfAndBases(TypeDefinition type)
    {
        for (var current = type; current is not null && !current.FullName.StartsWith("System.", StringComparison.Ordinal); current = TryResolve(current.BaseType))
        {
            yield return current;
        }
    }

    /// <summary>Whether the type implements the interface (open generic full name, e.g. <c>NS.ICommand`1</c>), directly, through an interface or through a base type.</summary>
    public static bool Implements(TypeDefinition type, string interfaceFullName)
    {
        ArgumentNullException.ThrowIfNull(type);
        for (var current = type; current is not null; current = TryResolve(current.BaseType))
        {
            // The compiler lists every interface a class implements, inherited ones included; not its base class's.
            if (current.Interfaces.Any(i => ElementName(i.InterfaceType) == interfaceFullName))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRecord(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Methods.Any(m => m.Name == "<Clone>$");
    }

    public static bool IsInitOnly(MethodDefinition setter)
    {
        ArgumentNullException.ThrowIfNull(setter);
        return setter.ReturnType is RequiredModifierType modifier &&
               modifier.ModifierType.FullName == "System.Runtime.CompilerServices.IsExternalInit";
    }

    /// <summary>float or double anywhere in the type: <c>double</c>, <c>double?</c>, <c>List&lt;double&gt;</c>, <c>double[]</c>.</summary>
    public static bool ContainsFloatingPoint(TypeReference? type) => type switch
    {
        null => false,
        GenericInstanceType generic => generic.GenericArguments.Any(ContainsFloatingPoint),
        TypeSpecification specification => ContainsFloatingPoint(specification.ElementType),
        _ => type.FullName is "System.Single" or "System.Double",
    };

    public static string ElementName(TypeReference type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type is GenericInstanceType generic ? generic.ElementType.FullName : type.FullName;
    }

    public static TypeDefinition? TryResolve(TypeReference? reference)
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
