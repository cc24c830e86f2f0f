namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>A described predicate over <see cref="ArchType"/>s: what a rule applies to.</summary>
public sealed class TypeSelection(string description, Func<ArchType, bool> predicate)
{
    public string Description { get; } = description;

    public bool Matches(ArchType type) => predicate(type);

    public static TypeSelection All { get; } = new("all types", _ => true);

    public static TypeSelection InAssemblies(params AssemblyPattern[] patterns) =>
        new($"types in assemblies {string.Join(" | ", patterns.Select(p => p.Glob))}", t => patterns.Any(p => p.Matches(t.AssemblyName)));

    public static TypeSelection InAssemblies(params string[] globs) => InAssemblies(globs.Select(g => new AssemblyPattern(g)).ToArray());

    public static TypeSelection InNamespaces(params NamespacePattern[] patterns) =>
        new($"types in namespaces {string.Join(" | ", patterns.Select(p => p.ToString()))}", t => patterns.Any(p => p.Matches(t.Namespace)));

    /// <summary>Types whose namespace has <paramref name="segment"/> as one of its dot-separated parts.</summary>
    public static TypeSelection WithNamespaceSegment(string segment) =>
        new($"namespace contains '.{segment}'", t => Names.HasSegment(t.Namespace, segment));

    public static TypeSelection Where(string description, Func<ArchType, bool> predicate) => new(description, predicate);

    public TypeSelection And(TypeSelection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new($"({Description}) and ({other.Description})", t => Matches(t) && other.Matches(t));
    }

    public TypeSelection Or(TypeSelection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new($"({Description}) or ({other.Description})", t => Matches(t) || other.Matches(t));
    }

    public TypeSelection Except(TypeSelection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new($"({Description}) except ({other.Description})", t => Matches(t) && !other.Matches(t));
    }

    public override string ToString() => Description;
}
