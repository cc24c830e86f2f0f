using ModularPayments.ArchitectureTests.Engine;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>
/// Where things live. <see cref="Product"/> describes ModularPayments; the engine's own tests use
/// <see cref="Fixtures"/> so the very same rule code runs against planted offences.
/// A module is laid out as <c>{ModuleRoot}.{Module}.{Domain|Application|Infrastructure|Endpoints|Contracts}</c>.
/// </summary>
public sealed record ArchitectureConventions
{
    public required string ModuleRoot { get; init; }

    /// <summary>Every type that belongs to a module (the module assembly and its Contracts).</summary>
    public required TypeSelection ModuleTypes { get; init; }

    /// <summary>Module assemblies, for assembly-reference checks (modules and Contracts).</summary>
    public required AssemblyPattern ModuleAssemblies { get; init; }

    public required AssemblyPattern ContractsAssemblies { get; init; }

    /// <summary>The Fintoc anti-corruption layer (namespace root; its assemblies are <c>{FintocRoot}*</c>).</summary>
    public required string FintocRoot { get; init; }

    public required string HostRoot { get; init; }

    /// <summary>Adapters behind IEventStore (namespace root; assemblies <c>{EventStoreAdaptersRoot}.*</c>).</summary>
    public required string EventStoreAdaptersRoot { get; init; }

    public string BuildingBlocksRoot { get; init; } = "ModularPayments.BuildingBlocks";

    public static ArchitectureConventions Product { get; } = new()
    {
        ModuleRoot = "ModularPayments.Modules",
        ModuleTypes = TypeSelection.InAssemblies("ModularPayments.Modules.*"),
        ModuleAssemblies = new AssemblyPattern("ModularPayments.Modules.*"),
        ContractsAssemblies = new AssemblyPattern("ModularPayments.Modules.*.Contracts"),
        FintocRoot = "ModularPayments.Fintoc",
        HostRoot = "ModularPayments.Api",
        EventStoreAdaptersRoot = "ModularPayments.EventStore",
    };

    /// <summary>The fixture assembly: one assembly, modules told apart by namespace only.</summary>
    public static ArchitectureConventions Fixtures { get; } = new()
    {
        ModuleRoot = "Fixtures.Modules",
        ModuleTypes = TypeSelection.InNamespaces(NamespacePattern.Under("Fixtures.Modules")),
        ModuleAssemblies = new AssemblyPattern("Fixtures.Modules.*"),
        ContractsAssemblies = new AssemblyPattern("Fixtures.Modules.*.Contracts"),
        FintocRoot = "Fixtures.Fintoc",
        HostRoot = "Fixtures.Api",
        EventStoreAdaptersRoot = "Fixtures.EventStore",
    };

    public AssemblyPattern FintocAssemblies => new(FintocRoot + "*");

    public AssemblyPattern EventStoreAdapterAssemblies => new(EventStoreAdaptersRoot + ".*");

    public bool IsContracts(ArchType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ModulePart.Parse(type.Namespace, ModuleRoot)?.IsContracts == true || ContractsAssemblies.Matches(type.AssemblyName);
    }

    public TypeSelection ModuleContracts =>
        ModuleTypes.And(TypeSelection.Where("module Contracts", t => IsContracts(t) && !(t.Namespace.Length == 0 && t.IsCompilerGenerated)));

    public TypeSelection ModuleLayer(string layer) =>
        ModuleTypes.And(TypeSelection.WithNamespaceSegment(layer)).Except(TypeSelection.Where("module Contracts", IsContracts));

    public TypeSelection ModuleDomain => ModuleLayer("Domain");

    public TypeSelection ModuleApplication => ModuleLayer("Application");

    public TypeSelection ModuleInfrastructure => ModuleLayer("Infrastructure");

    public TypeSelection BuildingBlocksLayer(string layer) =>
        TypeSelection.InNamespaces(NamespacePattern.Under($"{BuildingBlocksRoot}.{layer}"));

    /// <summary>The namespace of <paramref name="layer"/> in any module, e.g. <c>ModularPayments.Modules.*.Infrastructure</c>.</summary>
    public NamespacePattern AnyModuleLayer(string layer) => NamespacePattern.Under($"{ModuleRoot}.*.{layer}");
}
