using ModularPayments.ArchitectureTests.Engine;

namespace ModularPayments.ArchitectureTests.EngineTests;

/// <summary>The building blocks of the engine: dependency collection, patterns and assembly discovery.</summary>
public sealed class EngineTests(FixtureModelFixture fixture) : IClassFixture<FixtureModelFixture>
{
    private IEnumerable<Dependency> DependenciesOfOwner(string ownerFullName) =>
        fixture.Model.Types.Where(t => t.OwnerName == ownerFullName).SelectMany(t => t.Dependencies);

    [Fact]
    public void Collects_base_types_generic_arguments_interfaces_and_attributes()
    {
        var targets = DependenciesOfOwner("Fixtures.Modules.Good.Domain.OrderState").Select(d => d.TargetType).ToHashSet();

        Assert.Contains("ModularPayments.BuildingBlocks.Domain.AggregateState`1", targets); // base type (generic instance taken apart)
        Assert.Contains("Fixtures.Modules.Good.Domain.OrderState", targets);                // ... and its generic argument
        Assert.Contains("System.IEquatable`1", targets);                                    // interface
        Assert.Contains("System.Runtime.CompilerServices.CompilerGeneratedAttribute", targets);
        Assert.Contains("Fixtures.Modules.Good.Domain.OrderPlaced", targets);               // isinst in a method body
    }

    [Fact]
    public void Collects_member_references_in_bodies_including_lambdas_attributed_to_the_declaring_type()
    {
        var dependencies = DependenciesOfOwner("Fixtures.Modules.Good.Domain.Order").ToList();
        var members = dependencies.Select(d => d.Display).ToHashSet();

        Assert.Contains("System.Linq.Enumerable::Select", members);                       // call with generic method arguments
        Assert.Contains("System.String::ToUpperInvariant", members);                     // inside the lambda's closure class
        Assert.Contains("ModularPayments.BuildingBlocks.Domain.Guard::Positive", members);
        Assert.Contains("System.Collections.Generic.List`1", dependencies.Select(d => d.TargetType));
        Assert.Contains(dependencies, d => d.Where.StartsWith("body of <>c.", StringComparison.Ordinal));
    }

    [Fact]
    public void Collects_typeof_in_attributes_and_bodies()
    {
        var targets = DependenciesOfOwner("Fixtures.Modules.Bad.Domain.LayerBreaker").Select(d => d.TargetType);

        Assert.Contains("Fixtures.Modules.Bad.Application.DoThing", targets); // ldtoken
    }

    [Fact]
    public void Attributes_types_to_assemblies()
    {
        var dependency = DependenciesOfOwner("Fixtures.Modules.Bad.Domain.MediatorUser").First(d => d.TargetType == "MediatR.IMediator");

        Assert.Equal("MediatR", dependency.TargetAssembly);
        Assert.Equal("MediatR", dependency.TargetNamespace);
    }

    [Fact]
    public void Nested_and_compiler_generated_types_take_their_owners_namespace()
    {
        var closures = fixture.Model.Types.Where(t => t.OwnerName == "Fixtures.Modules.Bad.Domain.AsyncClock" && t.IsNested).ToList();

        Assert.NotEmpty(closures);
        Assert.All(closures, t => Assert.Equal("Fixtures.Modules.Bad.Domain", t.Namespace));
        Assert.All(closures, t => Assert.True(t.IsCompilerGenerated));
    }

    [Fact]
    public void Assembly_reference_rule_lists_each_offending_reference()
    {
        var result = Rule.AssemblyReferences("no MediatR or SQLite", fixture.Model, new AssemblyPattern("ModularPayments.ArchitectureTests.Fixtures"),
            (_, reference) => reference.Name is "MediatR" or "Microsoft.Data.Sqlite" ? reference.Name : null);

        Assert.Equal(1, result.SelectedCount);
        Assert.Equal(
            ["ModularPayments.ArchitectureTests.Fixtures → MediatR", "ModularPayments.ArchitectureTests.Fixtures → Microsoft.Data.Sqlite"],
            result.Keys);
    }

    [Theory]
    [InlineData("System", "System", true)]
    [InlineData("System", "System.Collections", true)]
    [InlineData("System", "SystemX", false)]
    [InlineData("System.Net.Http", "System.Net.Http.Headers", true)]
    [InlineData("System.Net.Http", "System.Net.HttpX", false)]
    [InlineData("System.Collections*", "System.Collections.Generic", true)]
    [InlineData("System.Collections*", "System.CollectionsX", true)]
    [InlineData("ModularPayments.Modules.*.Domain", "ModularPayments.Modules.Customers.Domain.Rut", true)]
    [InlineData("ModularPayments.Modules.*.Domain", "ModularPayments.Modules.Customers.Application", false)]
    [InlineData("ModularPayments.Modules.*.Domain", "ModularPayments.Modules.Domain", false)]
    public void Namespace_patterns_match_whole_segments(string glob, string ns, bool matches) =>
        Assert.Equal(matches, NamespacePattern.Under(glob).Matches(ns));

    [Fact]
    public void Exact_namespace_patterns_do_not_match_children()
    {
        Assert.True(NamespacePattern.Exactly("System").Matches("System"));
        Assert.False(NamespacePattern.Exactly("System").Matches("System.Net"));
    }

    [Theory]
    [InlineData("ModularPayments.Modules.*", "ModularPayments.Modules.Customers", true)]
    [InlineData("ModularPayments.Modules.*", "ModularPayments.Modules.Customers.Contracts", true)]
    [InlineData("ModularPayments.Modules.*.Contracts", "ModularPayments.Modules.Customers", false)]
    [InlineData("ModularPayments.Fintoc*", "ModularPayments.Fintoc", true)]
    [InlineData("ModularPayments.Fintoc*", "ModularPayments.Fintoc.Simulator", true)]
    [InlineData("ModularPayments.Fintoc*", "ModularPayments.Api", false)]
    public void Assembly_patterns(string glob, string name, bool matches) =>
        Assert.Equal(matches, new AssemblyPattern(glob).Matches(name));

    [Fact]
    public void Assembly_patterns_with_exceptions()
    {
        var pattern = new AssemblyPattern("ModularPayments.*", "ModularPayments.Modules.*", "ModularPayments.Api");

        Assert.True(pattern.Matches("ModularPayments.BuildingBlocks"));
        Assert.False(pattern.Matches("ModularPayments.Modules.Customers"));
        Assert.False(pattern.Matches("ModularPayments.Api"));
    }

    [Theory]
    [InlineData("ModularPayments.Modules.Customers", "Customers", false)]
    [InlineData("ModularPayments.Modules.Customers.Domain.Rut", "Customers", false)]
    [InlineData("ModularPayments.Modules.Customers.Contracts", "Customers", true)]
    public void Module_parts_parse_namespaces_and_assembly_names(string name, string module, bool isContracts)
    {
        var part = ModulePart.Parse(name, "ModularPayments.Modules");

        Assert.NotNull(part);
        Assert.Equal(module, part.Module);
        Assert.Equal(isContracts, part.IsContracts);
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
