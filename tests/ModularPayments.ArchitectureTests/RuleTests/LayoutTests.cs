using ModularPayments.ArchitectureTests.Rules;

namespace ModularPayments.ArchitectureTests.RuleTests;

/// <summary>How namespaces and assembly names are read into modules and layers, and which assemblies count as product.</summary>
public sealed class LayoutTests
{
    [Theory]
    [InlineData("ModularPayments.Modules.Customers", null)]
    [InlineData("ModularPayments.Modules.Customers.Domain", "Domain")]
    [InlineData("ModularPayments.Modules.Customers.Domain.TaxIds", "Domain")]
    [InlineData("ModularPayments.Modules.Customers.Contracts", "Contracts")]
    [InlineData("ModularPayments.ModulesX.Customers.Domain", null)]
    [InlineData("ModularPayments.BuildingBlocks.Domain", null)]
    public void Layers_are_the_segment_after_the_module(string dotted, string? layer) =>
        Assert.Equal(layer, Layout.LayerOf(dotted, "ModularPayments.Modules"));

    [Theory]
    [InlineData("System", "System", true)]
    [InlineData("System.Collections", "System", true)]
    [InlineData("SystemX", "System", false)]
    [InlineData("ModularPayments.Fintoc.Simulator", "ModularPayments.Fintoc", true)]
    [InlineData("ModularPayments.FintocX", "ModularPayments.Fintoc", false)]
    public void Namespaces_are_under_a_root_by_whole_segments(string ns, string root, bool under) =>
        Assert.Equal(under, Layout.IsUnder(ns, root));

    [Fact]
    public void Modules_are_found_by_namespace_and_can_be_narrowed()
    {
        Assert.Contains("Customers", Layout.Product.Modules);
        Assert.Equal("Customers", Layout.Product.ModuleOf("ModularPayments.Modules.Customers.Domain"));

        var narrowed = Layout.Product.OnlyModules("Nothing");

        Assert.Null(narrowed.ModuleOf("ModularPayments.Modules.Customers.Domain"));
        Assert.Contains("Customers", narrowed.AllModules);
    }

    [Fact]
    public void Nested_type_names_are_shown_as_csharp_and_reflection_write_them()
    {
        Assert.Equal("A.B.Outer+Inner", ArchCheck.DisplayName("A.B.Outer/Inner"));
    }

    [Theory]
    [InlineData("ModularPayments.BuildingBlocks", true)]
    [InlineData("ModularPayments.Modules.Customers.Contracts", true)]
    [InlineData("ModularPayments.Api", true)]
    [InlineData("ModularPayments.ArchitectureTests", false)]
    [InlineData("ModularPayments.ArchitectureTests.Fixtures", false)]
    [InlineData("ModularPayments.UnitTests", false)]
    [InlineData("ModularPayments.Benchmarks", false)]
    [InlineData("MediatR", false)]
    public void Product_assembly_discovery_leaves_out_tests_and_fixtures(string name, bool isProduct) =>
        Assert.Equal(isProduct, ProductAssemblies.IsProduct(name));
}
