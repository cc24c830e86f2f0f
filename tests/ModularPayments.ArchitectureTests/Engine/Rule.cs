using Mono.Cecil;

namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>The three shapes every architecture rule is built from.</summary>
public static class Rule
{
    /// <summary>
    /// Every dependency of every selected type for which <paramref name="offence"/> returns a description.
    /// Offences are grouped per (owner type, offence), with all the places they were found.
    /// </summary>
    public static RuleResult Dependencies(
        string rule,
        ArchModel model,
        TypeSelection selection,
        Func<ArchType, Dependency, string?> offence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(offence);
        var selected = model.Select(selection).ToList();
        var found = new List<(string Type, string Offence, string Where)>();
        foreach (var type in selected)
        {
            foreach (var dependency in type.Dependencies)
            {
                var description = offence(type, dependency);
                if (description is not null)
                {
                    found.Add((type.OwnerName, description, dependency.Where));
                }
            }
        }

        return new RuleResult(rule, selection.Description, selected.Count, Group(found));
    }

    /// <summary>Per-type checks (shape, naming, visibility): <paramref name="check"/> yields (offence, where) pairs.</summary>
    public static RuleResult Types(
        string rule,
        ArchModel model,
        TypeSelection selection,
        Func<ArchType, IEnumerable<(string Offence, string Where)>> check)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(check);
        var selected = model.Select(selection).ToList();
        var found = selected.SelectMany(t => check(t).Select(o => (t.OwnerName, o.Offence, o.Where))).ToList();
        return new RuleResult(rule, selection.Description, selected.Count, Group(found));
    }

    /// <summary>Every assembly reference of every selected assembly for which <paramref name="offence"/> returns a description.</summary>
    public static RuleResult AssemblyReferences(
        string rule,
        ArchModel model,
        AssemblyPattern selection,
        Func<AssemblyDefinition, AssemblyNameReference, string?> offence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(offence);
        var selected = model.Assemblies.Where(a => selection.Matches(a.Name.Name)).ToList();
        var found = new List<(string, string, string)>();
        foreach (var assembly in selected)
        {
            foreach (var reference in assembly.Modules.SelectMany(m => m.AssemblyReferences))
            {
                var description = offence(assembly, reference);
                if (description is not null)
                {
                    found.Add((assembly.Name.Name, description, "assembly reference"));
                }
            }
        }

        return new RuleResult(rule, $"assemblies {selection.Glob}", selected.Count, Group(found));
    }

    private static List<Violation> Group(IEnumerable<(string Type, string Offence, string Where)> found) =>
        found
            .GroupBy(f => (f.Type, f.Offence))
            .OrderBy(g => g.Key.Type, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Offence, StringComparer.Ordinal)
            .Select(g => new Violation(g.Key.Type, g.Key.Offence, g.Select(f => f.Where).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
}
