using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Rule 7: no settable property (init-only is fine) and no mutable public field, on the type or its base types.
/// NetArchTest's own BeImmutable() counts an init-only setter as mutable, so records would fail it.
/// </summary>
public sealed class ImmutableMessage : ExplainedRule
{
    protected override IEnumerable<string> Offences(TypeDefinition type) =>
        Cecil.SelfAndBases(type).SelectMany(definition =>
            definition.Properties
                .Where(p => p.SetMethod is { IsStatic: false } setter && (setter.IsPublic || setter.IsFamily || setter.IsFamilyOrAssembly) && !Cecil.IsInitOnly(setter))
                .Select(p => $"{type.Name}.{p.Name} has a public setter")
                .Concat(definition.Fields
                    .Where(f => f is { IsPublic: true, IsStatic: false, IsInitOnly: false, IsLiteral: false })
                    .Select(f => $"{type.Name}.{f.Name} is a mutable public field")));
}
