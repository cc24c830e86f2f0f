using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Rule 5: a Contracts type is a record class whose public properties are get/init-only contract primitives, with no
/// public fields (sealing is checked with NetArchTest's BeSealed()).
/// </summary>
public sealed class ContractShape : ExplainedRule
{
    private static readonly HashSet<string> Scalars = new(StringComparer.Ordinal)
    {
        "System.Guid", "System.String", "System.Int64", "System.Int32", "System.Boolean", "System.DateTimeOffset",
    };

    protected override IEnumerable<string> Offences(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsInterface || type.IsValueType || !Cecil.IsRecord(type))
        {
            yield return $"{type.Name} is not a record class";
        }

        foreach (var property in type.Properties.Where(p => p.GetMethod is { IsPublic: true, IsStatic: false }))
        {
            if (property.SetMethod is { } setter && !Cecil.IsInitOnly(setter))
            {
                yield return $"property {property.Name} has a setter";
            }

            if (!IsContractPrimitive(property.PropertyType))
            {
                yield return $"property {property.Name} is {property.PropertyType.FullName}, not a contract primitive";
            }
        }

        foreach (var field in type.Fields.Where(f => f is { IsPublic: true, IsStatic: false, IsSpecialName: false }))
        {
            yield return $"public field {field.Name}";
        }
    }

    /// <summary>
    /// Guid, string, long, int, bool, DateTimeOffset, a nullable of one of those, IReadOnlyList of one of those, or
    /// IReadOnlyDictionary&lt;string, string&gt;.
    /// </summary>
    public static bool IsContractPrimitive(TypeReference type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Scalars.Contains(type.FullName))
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
            "System.Nullable`1" or "System.Collections.Generic.IReadOnlyList`1" => Scalars.Contains(arguments[0].FullName),
            "System.Collections.Generic.IReadOnlyDictionary`2" =>
                arguments[0].FullName == "System.String" && arguments[1].FullName == "System.String",
            _ => false,
        };
    }
}
