using System.Reflection;

namespace ModularPayments.ArchitectureTests;

/// <summary>
/// The typed client and the simulator are two independent readings of the same Fintoc facts (ADR 0010): neither may
/// reference the other, nor any other ModularPayments project, or the contract tests would check a thing against itself.
/// </summary>
public sealed class FintocIndependenceTests
{
    [Theory]
    [InlineData("ModularPayments.Fintoc")]
    [InlineData("ModularPayments.Fintoc.Simulator")]
    public void The_client_and_the_simulator_reference_no_other_product_assembly(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var offenders = assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("ModularPayments.", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(assembly.GetTypes());
        Assert.True(offenders.Count == 0, $"{assemblyName} references {string.Join(", ", offenders)}");
    }
}
