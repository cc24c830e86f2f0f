using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Rule 1, member level: the type's code (lambdas and state machines included) calls no member that reads a clock or
/// makes an id. Whole types (TimeProvider, Stopwatch) are banned with NetArchTest's HaveDependencyOnAny instead.
/// </summary>
public sealed class NoClockOrIdReads : ExplainedRule
{
    public static IReadOnlyList<string> BannedMembers { get; } =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow",
        "System.Guid::NewGuid", "System.Guid::CreateVersion7",
        "System.Environment::get_TickCount", "System.Environment::get_TickCount64",
    ];

    protected override IEnumerable<string> Offences(TypeDefinition type) =>
        from definition in Cecil.WithGeneratedNested(type)
        from method in definition.Methods.Where(m => m.HasBody)
        from instruction in method.Body.Instructions
        let member = instruction.Operand as MemberReference
        where member is MethodReference or FieldReference
        let name = $"{member.DeclaringType.FullName}::{member.Name}"
        where BannedMembers.Contains(name)
        select $"{name} in {definition.Name}.{method.Name}";
}
