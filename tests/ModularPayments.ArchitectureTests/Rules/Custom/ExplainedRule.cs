using System.Collections.Concurrent;
using Mono.Cecil;
using NetArchTest.Rules;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// A NetArchTest custom rule that remembers why each type broke it, so a failure says more than the type's name.
/// </summary>
public abstract class ExplainedRule : ICustomRule
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _reasons = new(StringComparer.Ordinal);

    public bool MeetsRule(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var offences = Offences(type).Distinct(StringComparer.Ordinal).ToList();
        if (offences.Count > 0)
        {
            _reasons[ArchCheck.DisplayName(type.FullName)] = offences;
        }

        return offences.Count == 0;
    }

    /// <summary>The reasons the type (display name) broke the rule; empty if it did not.</summary>
    public IReadOnlyList<string> ReasonsFor(string typeName) => _reasons.TryGetValue(typeName, out var reasons) ? reasons : [];

    /// <summary>Empty when <paramref name="type"/> meets the rule; otherwise each thing wrong with it.</summary>
    protected abstract IEnumerable<string> Offences(TypeDefinition type);
}
