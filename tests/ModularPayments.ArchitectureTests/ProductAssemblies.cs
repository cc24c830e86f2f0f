using System.Reflection;

namespace ModularPayments.ArchitectureTests;

/// <summary>
/// The product assemblies: every ModularPayments.*.dll copied next to this test assembly (that is, every src
/// project this project references, directly or through another project), minus test projects and the fixture.
/// Adding a project to the checks is one ProjectReference in ModularPayments.ArchitectureTests.csproj.
/// </summary>
public static class ProductAssemblies
{
    /// <summary>Projects that must always be present; a missing one means the discovery broke, not that the rules passed.</summary>
    public static IReadOnlyList<string> Required { get; } = ["ModularPayments.BuildingBlocks", "ModularPayments.EventStore.Sqlite"];

    public static string Directory { get; } = Path.GetDirectoryName(typeof(ProductAssemblies).Assembly.Location)!;

    public static IReadOnlyList<string> Paths { get; } =
        System.IO.Directory.GetFiles(Directory, "ModularPayments.*.dll")
            .Where(path => IsProduct(Path.GetFileNameWithoutExtension(path)))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> Names { get; } = Paths.Select(Path.GetFileNameWithoutExtension).ToList()!;

    /// <summary>The runtime assemblies (for reflection-based checks such as the event round trip).</summary>
    public static IReadOnlyList<Assembly> Loaded { get; } = Names.Select(n => Assembly.Load(new AssemblyName(n))).ToList();

    public static bool IsProduct(string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        if (!assemblyName.StartsWith("ModularPayments.", StringComparison.Ordinal))
        {
            return false;
        }

        // Test projects, the fixture and benchmarks are not product code.
        return !assemblyName.Split('.').Any(segment =>
            segment.EndsWith("Tests", StringComparison.Ordinal) ||
            segment is "Fixtures" or "Testing" or "TestSupport" ||
            segment.StartsWith("Benchmark", StringComparison.Ordinal));
    }
}
