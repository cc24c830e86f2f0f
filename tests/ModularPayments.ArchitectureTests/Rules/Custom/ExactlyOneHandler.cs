using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>Rule 6: the command or query has exactly one handler among <paramref name="handlersByRequest"/> (request full name → handlers).</summary>
public sealed class ExactlyOneHandler(ILookup<string, string> handlersByRequest) : ExplainedRule
{
    protected override IEnumerable<string> Offences(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var handlers = handlersByRequest[ArchCheck.DisplayName(type.FullName)].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return handlers.Count == 1 ? [] : [$"{type.Name} has {handlers.Count} handlers{(handlers.Count == 0 ? string.Empty : ": " + string.Join(", ", handlers))}"];
    }
}
