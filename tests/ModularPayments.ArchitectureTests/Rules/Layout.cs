using System.Reflection;
using ModularPayments.ArchitectureTests.Rules.Custom;
using NetArchTest.Rules;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>
/// Where things live, and the NetArchTest selections the rules apply to. A module is laid out as
/// <c>{Root}.Modules.{Module}.{Domain|Application|Infrastructure|Endpoints|Contracts}</c>. <see cref="Product"/> is
/// ModularPayments; the fixture tests build one over the planted offences (root <c>Fixtures</c>) and run the same rules.
/// </summary>
public sealed class Layout
{
    public const string BuildingBlocksRoot = "ModularPayments.BuildingBlocks";

    private readonly Lazy<Types> _types;

    /// <param name="root">Namespace root: <c>ModularPayments</c>, or <c>Fixtures</c> for the planted offences.</param>
    /// <param name="assemblies">The assemblies whose types are checked.</param>
    /// <param name="separateAssemblies">Whether modules and their Contracts are assemblies of their own (their references are checked too).</param>
    public Layout(string root, IReadOnlyList<Assembly> assemblies, bool separateAssemblies)
    {
        Root = root;
        Assemblies = assemblies;
        SeparateAssemblies = separateAssemblies;
        var searchDirectories = assemblies.Select(a => Path.GetDirectoryName(a.Location)!)
            .Append(Path.GetDirectoryName(typeof(object).Assembly.Location)!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        _types = new Lazy<Types>(() => NetArchTest.Rules.Types.InAssemblies(assemblies, searchDirectories));
        AllModules = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => ModuleOf(t.Namespace))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Modules = AllModules;
    }

    public static Layout Product { get; } = new("ModularPayments", ProductAssemblies.Loaded, separateAssemblies: true);

    public string Root { get; }

    public string ModuleRoot => Root + ".Modules";

    /// <summary>The Fintoc anti-corruption layer (and its simulator).</summary>
    public string FintocRoot => Root + ".Fintoc";

    /// <summary>Adapters behind IEventStore.</summary>
    public string EventStoreAdaptersRoot => Root + ".EventStore";

    public IReadOnlyList<Assembly> Assemblies { get; }

    public bool SeparateAssemblies { get; }

    /// <summary>Every module found in the assemblies.</summary>
    public IReadOnlyList<string> AllModules { get; }

    /// <summary>The modules the rules check (all of them unless narrowed by <see cref="OnlyModules"/>).</summary>
    public IReadOnlyList<string> Modules { get; private init; }

    /// <summary>All types of the assemblies, read once by NetArchTest.</summary>
    public Types Types => _types.Value;

    public Layout OnlyModules(params string[] modules) => new(Root, Assemblies, SeparateAssemblies) { Modules = modules };

    /// <summary>The module a namespace (or assembly name) belongs to, if it is one of the checked modules.</summary>
    public string? ModuleOf(string? dotted)
    {
        if (dotted is null || !dotted.StartsWith(ModuleRoot + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var module = dotted[(ModuleRoot.Length + 1)..].Split('.')[0];
        return Modules is null || Modules.Contains(module) ? module : null;
    }

    /// <summary>The layer (Domain, Application, Contracts...) of a module namespace or assembly name, or null.</summary>
    public static string? LayerOf(string? dotted, string moduleRoot)
    {
        ArgumentNullException.ThrowIfNull(moduleRoot);
        if (dotted is null || !dotted.StartsWith(moduleRoot + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = dotted[(moduleRoot.Length + 1)..].Split('.');
        return parts.Length > 1 ? parts[1] : null;
    }

    public string? LayerOf(string? dotted) => LayerOf(dotted, ModuleRoot);

    /// <summary>Types whose (outermost) namespace satisfies <paramref name="matches"/>.</summary>
    public Selection Where(string description, Func<string, bool> matches) =>
        new(description, () => Types.That().MeetCustomRule(new OwnerNamespace(matches)));

    public Selection All => Where($"types under {Root}", ns => IsUnder(ns, Root));

    public Selection Module(string module) =>
        Where($"module {module}", ns => ModuleOf(ns) == module);

    public Selection ModuleTypes => Where($"module types ({string.Join(", ", Modules)})", ns => ModuleOf(ns) is not null);

    public Selection ModuleLayer(string layer) => ModuleLayers(layer);

    public Selection ModuleLayers(params string[] layers) =>
        Where($"{ModuleRoot}.*.{string.Join("|", layers)}", ns => ModuleOf(ns) is not null && layers.Contains(LayerOf(ns)));

    public Selection ModuleLayer(string module, string layer) =>
        Where($"{ModuleRoot}.{module}.{layer}", ns => ModuleOf(ns) == module && LayerOf(ns) == layer);

    public Selection BuildingBlocksLayer(string layer)
    {
        var root = $"{BuildingBlocksRoot}.{layer}";
        return Where(root, ns => IsUnder(ns, root));
    }

    /// <summary>The namespaces of <paramref name="layers"/> in every module found, e.g. <c>ModularPayments.Modules.Customers.Infrastructure</c>.</summary>
    public string[] LayerNamespaces(params string[] layers) =>
        AllModules.SelectMany(m => layers.Select(l => $"{ModuleRoot}.{m}.{l}")).ToArray();

    public static bool IsUnder(string? ns, string root) =>
        ns is not null && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
}

/// <summary>Narrowing a selection with more NetArchTest predicates.</summary>
public static class SelectionExtensions
{
    public static Selection That(this Selection selection, string description, Func<Predicates, PredicateList> predicate)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(predicate);
        return new($"{selection.Description}, {description}", () => predicate(selection.Build().And()));
    }
}
