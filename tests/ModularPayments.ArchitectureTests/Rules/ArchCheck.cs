using System.Reflection;
using System.Text;
using ModularPayments.ArchitectureTests.Rules.Custom;
using NetArchTest.Rules;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>What a rule applies to: a NetArchTest predicate list (built afresh for each use) and how to say it.</summary>
public sealed record Selection(string Description, Func<PredicateList> Build)
{
    public override string ToString() => Description;
}

/// <summary>
/// Runs a NetArchTest rule so that it cannot pass vacuously: an empty selection fails with "checked nothing", and a
/// failure names every offending type (with the reasons its custom rules gave).
/// </summary>
public static class ArchCheck
{
    /// <param name="rule">What is checked, as the failure message says it.</param>
    /// <param name="selection">The types the rule applies to.</param>
    /// <param name="should">The condition, e.g. <c>s =&gt; s.ShouldNot().HaveDependencyOnAny(...)</c>.</param>
    /// <param name="because">Said of every offender (e.g. "depends on one of: ..."), when the condition gives no reasons.</param>
    public static ArchResult Types(string rule, Selection selection, Func<PredicateList, ConditionList> should, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(should);
        var selected = selection.Build().GetTypes().Count();
        if (selected == 0)
        {
            return ArchResult.Empty(rule, selection.Description);
        }

        var result = should(selection.Build()).GetResult();
        var offenders = result.IsSuccessful ? [] : result.FailingTypeNames.Select(DisplayName).Distinct().Order(StringComparer.Ordinal).ToList();
        var reasons = offenders.ToDictionary(o => o, _ => (IReadOnlyList<string>)(because is null ? [] : [because]), StringComparer.Ordinal);
        return new ArchResult(rule, selection.Description, selected, offenders, reasons);
    }

    /// <summary>A custom rule as the condition; its reasons go into the failure message.</summary>
    public static ArchResult Types(string rule, Selection selection, ExplainedRule condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var result = Types(rule, selection, s => s.Should().MeetCustomRule(condition));
        return result with { Reasons = result.Offenders.ToDictionary(o => o, condition.ReasonsFor, StringComparer.Ordinal) };
    }

    /// <summary>Checks the assembly references of <paramref name="assemblies"/> (NetArchTest looks at types only).</summary>
    public static ArchResult AssemblyReferences(string rule, string description, IEnumerable<Assembly> assemblies, Func<Assembly, AssemblyName, bool> isForbidden)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ArgumentNullException.ThrowIfNull(isForbidden);
        var selected = assemblies.ToList();
        if (selected.Count == 0)
        {
            return ArchResult.Empty(rule, description);
        }

        var reasons = selected
            .Select(a => (Name: a.GetName().Name!, Forbidden: a.GetReferencedAssemblies().Where(r => isForbidden(a, r)).Select(r => "references assembly " + r.Name).Order(StringComparer.Ordinal).ToList()))
            .Where(a => a.Forbidden.Count > 0)
            .ToDictionary(a => a.Name, a => (IReadOnlyList<string>)a.Forbidden, StringComparer.Ordinal);
        return new ArchResult(rule, description, selected.Count, reasons.Keys.Order(StringComparer.Ordinal).ToList(), reasons);
    }

    /// <summary>Cecil writes nested types as Outer/Inner; reflection and C# readers expect Outer+Inner.</summary>
    public static string DisplayName(string cecilFullName)
    {
        ArgumentNullException.ThrowIfNull(cecilFullName);
        return cecilFullName.Replace('/', '+');
    }
}

/// <summary>
/// The outcome of a rule over a selection. <see cref="Assert"/> fails when the selection was empty (a rule that checked
/// nothing proves nothing) and otherwise lists every offender, not just the first.
/// </summary>
public sealed record ArchResult(
    string Rule,
    string Selection,
    int SelectedCount,
    IReadOnlyList<string> Offenders,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons)
{
    public bool SelectionIsEmpty => SelectedCount == 0;

    public bool Passed => !SelectionIsEmpty && Offenders.Count == 0;

    public static ArchResult Empty(string rule, string selection) =>
        new(rule, selection, 0, [], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Several checks reported as one rule. If any part checked nothing, so did the whole.</summary>
    public static ArchResult Combine(string rule, params ArchResult[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0)
        {
            return Empty(rule, "no parts");
        }

        if (parts.Any(p => p.SelectionIsEmpty))
        {
            var described = parts.Select(p => p.SelectionIsEmpty && !p.Selection.Contains("EMPTY: ", StringComparison.Ordinal) ? $"EMPTY: {p.Selection}" : p.Selection);
            return Empty(rule, string.Join(" + ", described.Distinct(StringComparer.Ordinal)));
        }

        return Merge(rule, string.Join(" + ", parts.Select(p => p.Selection).Distinct(StringComparer.Ordinal)), parts);
    }

    /// <summary>
    /// One check per module reported as one rule: a module with nothing in the selection (a module without Contracts,
    /// say) is left out, and the rule checked nothing only if no module had anything to check.
    /// </summary>
    public static ArchResult AcrossModules(string rule, IEnumerable<ArchResult> perModule)
    {
        ArgumentNullException.ThrowIfNull(perModule);
        var parts = perModule.ToList();
        var checkedParts = parts.Where(p => !p.SelectionIsEmpty).ToArray();
        var selection = string.Join(" + ", parts.Select(p => p.Selection));
        return checkedParts.Length == 0 ? Empty(rule, parts.Count == 0 ? "no module found" : selection) : Merge(rule, selection, checkedParts);
    }

    private static ArchResult Merge(string rule, string selection, ArchResult[] parts)
    {
        var reasons = parts.SelectMany(p => p.Reasons)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(r => r.Value).Distinct().ToList(), StringComparer.Ordinal);
        var offenders = parts.SelectMany(p => p.Offenders).Distinct().Order(StringComparer.Ordinal).ToList();
        return new ArchResult(rule, selection, parts.Max(p => p.SelectedCount), offenders, reasons);
    }

    public string Describe()
    {
        if (SelectionIsEmpty)
        {
            return $"Rule '{Rule}' checked nothing: selection [{Selection}] is empty. " +
                   "Either the assemblies are not referenced by the architecture-test project or the selection is wrong.";
        }

        if (Offenders.Count == 0)
        {
            return $"Rule '{Rule}' passed over {SelectedCount} types selected by [{Selection}].";
        }

        var text = new StringBuilder()
            .Append("Rule '").Append(Rule).Append("' has ").Append(Offenders.Count).Append(" offender(s) among ")
            .Append(SelectedCount).Append(" types selected by [").Append(Selection).AppendLine("]:");
        foreach (var offender in Offenders)
        {
            text.Append("  - ").Append(offender);
            if (Reasons.TryGetValue(offender, out var why) && why.Count > 0)
            {
                text.Append(": ").Append(string.Join("; ", why));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public void Assert()
    {
        if (!Passed)
        {
            Xunit.Assert.Fail(Describe());
        }
    }
}
