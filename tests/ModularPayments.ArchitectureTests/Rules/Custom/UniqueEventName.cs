using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>Rule 7: the event carries [EventType("...")] with a name no other event in <paramref name="eventsByName"/> (name → event full names) uses.</summary>
public sealed class UniqueEventName(ILookup<string, string> eventsByName) : ExplainedRule
{
    public const string AttributeName = "ModularPayments.BuildingBlocks.Domain.EventTypeAttribute";

    public static string? NameOf(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == AttributeName);
        return attribute?.ConstructorArguments.Count > 0 ? attribute.ConstructorArguments[0].Value as string : null;
    }

    protected override IEnumerable<string> Offences(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = NameOf(type);
        if (string.IsNullOrWhiteSpace(name))
        {
            return [$"{type.Name} has no [EventType(\"...\")] name"];
        }

        var self = ArchCheck.DisplayName(type.FullName);
        var others = eventsByName[name].Where(n => n != self).Order(StringComparer.Ordinal).ToList();
        return others.Count == 0 ? [] : [$"event name '{name}' is also used by {string.Join(", ", others)}"];
    }
}
