using System.Text.RegularExpressions;

namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>
/// Matches namespaces. <c>*</c> stands for any characters inside one dot-separated segment
/// (<c>ModularPayments.Modules.*.Domain</c>, <c>System.Collections*</c>).
/// <see cref="Under"/> matches the namespace and everything below it; <see cref="Exactly"/> only the namespace itself.
/// </summary>
public sealed class NamespacePattern
{
    private readonly Regex _regex;

    private NamespacePattern(string glob, bool includeChildren)
    {
        Glob = glob;
        IncludeChildren = includeChildren;
        var body = string.Join("[^.]*", glob.Split('*').Select(Regex.Escape));
        _regex = new Regex(includeChildren ? $"^{body}(\\..+)?$" : $"^{body}$", RegexOptions.CultureInvariant);
    }

    public string Glob { get; }

    public bool IncludeChildren { get; }

    public static NamespacePattern Under(string glob) => new(glob, includeChildren: true);

    public static NamespacePattern Exactly(string glob) => new(glob, includeChildren: false);

    public bool Matches(string? ns) => ns is not null && _regex.IsMatch(ns);

    public override string ToString() => IncludeChildren ? Glob + ".**" : Glob;
}

/// <summary>Matches assembly names; <c>*</c> stands for any characters, dots included.</summary>
public sealed class AssemblyPattern
{
    private readonly Regex _regex;

    private readonly AssemblyPattern[] _except;

    /// <param name="glob">The names to match.</param>
    /// <param name="except">Globs of names to leave out even though <paramref name="glob"/> matches them.</param>
    public AssemblyPattern(string glob, params string[] except)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(except);
        Glob = except.Length == 0 ? glob : $"{glob} except {string.Join(", ", except)}";
        var body = string.Join(".*", glob.Split('*').Select(Regex.Escape));
        _regex = new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        _except = except.Select(e => new AssemblyPattern(e)).ToArray();
    }

    public string Glob { get; }

    public bool Matches(string? assemblyName) =>
        assemblyName is not null && _regex.IsMatch(assemblyName) && !_except.Any(e => e.Matches(assemblyName));

    public override string ToString() => Glob;
}

/// <summary>Helpers over dotted names (namespaces and assembly names).</summary>
public static class Names
{
    public static bool HasSegment(string? dotted, string segment) =>
        dotted is not null && dotted.Split('.').Contains(segment, StringComparer.Ordinal);

    /// <summary>The prefix of <paramref name="dotted"/> up to and including <paramref name="segment"/>, or null.</summary>
    public static string? PrefixThrough(string? dotted, string segment)
    {
        if (dotted is null)
        {
            return null;
        }

        var parts = dotted.Split('.');
        var index = Array.IndexOf(parts, segment);
        return index < 0 ? null : string.Join('.', parts.Take(index + 1));
    }

    public static bool IsSameOrUnder(string? ns, string root) =>
        ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
}

/// <summary>
/// Where a dotted name sits in the module layout <c>{root}.{Module}.{Layer}...</c>: the module and whether it is
/// that module's Contracts. Works for namespaces and assembly names alike
/// (<c>ModularPayments.Modules.Customers.Contracts</c> is the Customers Contracts either way).
/// </summary>
public sealed record ModulePart(string Module, string? Layer)
{
    public bool IsContracts => Layer == "Contracts";

    public static ModulePart? Parse(string? dotted, string moduleRoot)
    {
        if (dotted is null || !dotted.StartsWith(moduleRoot + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = dotted[(moduleRoot.Length + 1)..].Split('.');
        return new ModulePart(rest[0], rest.Length > 1 ? rest[1] : null);
    }
}
