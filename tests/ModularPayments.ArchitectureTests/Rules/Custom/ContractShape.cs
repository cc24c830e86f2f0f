using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Rule 5: a Contracts type is a record class whose public properties are get/init-only contract primitives, with no
/// public fields (sealing is checked with NetArchTest's BeSealed()); or a published query interface whose methods take
/// contract primitives (and a CancellationToken) and answer a Task of a contract primitive or a record of that Contracts
/// namespace.
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
        if (type.IsInterface)
        {
            foreach (var offence in QueryInterfaceOffences(type))
            {
                yield return offence;
            }

            yield break;
        }

        if (type.IsValueType || !Cecil.IsRecord(type))
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

    private static IEnumerable<string> QueryInterfaceOffences(TypeDefinition type)
    {
        if (type.Properties.Count > 0 || type.Events.Count > 0)
        {
            yield return $"{type.Name} is an interface with properties or events (a query interface has only methods)";
        }

        foreach (var method in type.Methods)
        {
            if (!IsTaskOfContractValue(method.ReturnType, type.Namespace))
            {
                yield return $"method {method.Name} answers {method.ReturnType.FullName}, not a Task of a contract primitive or record";
            }

            foreach (var parameter in method.Parameters.Where(p => p.ParameterType.FullName != "System.Threading.CancellationToken" && !IsContractPrimitive(p.ParameterType)))
            {
                yield return $"method {method.Name} takes {parameter.Name} as {parameter.ParameterType.FullName}, not a contract primitive";
            }
        }
    }

    private static bool IsTaskOfContractValue(TypeReference type, string contractsNamespace)
    {
        if (type.FullName == "System.Threading.Tasks.Task")
        {
            return true;
        }

        if (type is not GenericInstanceType { ElementType.FullName: "System.Threading.Tasks.Task`1" } task)
        {
            return false;
        }

        var answer = task.GenericArguments[0];
        if (answer is GenericInstanceType { ElementType.FullName: "System.Nullable`1" } nullable)
        {
            answer = nullable.GenericArguments[0];
        }

        return IsContractPrimitive(answer) || answer.Namespace == contractsNamespace;
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
