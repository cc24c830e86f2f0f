using Mono.Cecil;
using NetArchTest.Rules;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Selects by the namespace of the outermost declaring type. NetArchTest's own namespace predicates see a nested
/// internal type as having an empty namespace, which would let it slip out of every layer selection.
/// </summary>
public sealed class OwnerNamespace(Func<string, bool> matches) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type) => matches(Cecil.Outermost(type).Namespace);
}

/// <summary>Selects concrete types implementing any of the interfaces (open generic full names), also through a base type.</summary>
public sealed class ImplementsAny(params string[] interfaceFullNames) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return !type.IsAbstract && !type.IsInterface && interfaceFullNames.Any(i => Cecil.Implements(type, i));
    }
}
