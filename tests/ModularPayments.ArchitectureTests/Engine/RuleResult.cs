using System.Text;

namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>One offence: the offending type (its outermost owner), what it must not have or use, and where.</summary>
public sealed record Violation(string Type, string Offence, IReadOnlyList<string> Where)
{
    /// <summary>"Type → offence", the stable key the engine's own tests compare.</summary>
    public string Key => $"{Type} → {Offence}";

    public override string ToString() =>
        Where.Count == 0 ? Key : $"{Key} ({string.Join("; ", Where.Take(4))}{(Where.Count > 4 ? $"; +{Where.Count - 4} more" : string.Empty)})";
}

/// <summary>
/// The outcome of a rule over a selection. <see cref="Assert"/> fails when the selection was empty (a rule that
/// checked nothing proves nothing) and otherwise lists every offender, not just the first.
/// </summary>
public sealed record RuleResult(string Rule, string Selection, int SelectedCount, IReadOnlyList<Violation> Violations)
{
    public bool SelectionIsEmpty => SelectedCount == 0;

    public bool Passed => !SelectionIsEmpty && Violations.Count == 0;

    public IReadOnlyList<string> Keys => Violations.Select(v => v.Key).ToList();

    public string Describe()
    {
        if (SelectionIsEmpty)
        {
            return $"Rule '{Rule}' checked nothing: its selection [{Selection}] is empty. " +
                   "Either the assemblies are not referenced by the architecture-test project or the selection is wrong.";
        }

        if (Violations.Count == 0)
        {
            return $"Rule '{Rule}' passed over {SelectedCount} types selected by [{Selection}].";
        }

        var text = new StringBuilder()
            .Append("Rule '").Append(Rule).Append("' has ").Append(Violations.Count).Append(" offender(s) among ")
            .Append(SelectedCount).Append(" types selected by [").Append(Selection).AppendLine("]:");
        foreach (var violation in Violations)
        {
            text.Append("  - ").AppendLine(violation.ToString());
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

    /// <summary>Several checks reported as one rule: the selections add up, the offenders are all listed.</summary>
    public static RuleResult Combine(string rule, params RuleResult[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new RuleResult(
            rule,
            string.Join(" + ", parts.Select(p => p.Selection)),
            parts.Sum(p => p.SelectedCount),
            parts.SelectMany(p => p.Violations).ToList());
    }
}
