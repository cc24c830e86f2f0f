// Architecture rules of docs/architecture.md, checked against the product assemblies.
//
// HOW TO ADD A MODULE (or any src project) TO THE CHECKS
//   Add its ProjectReference to ModularPayments.ArchitectureTests.csproj, e.g. for Customers:
//     <ProjectReference Include="..\..\src\Modules\Customers\ModularPayments.Modules.Customers.csproj" />
//     <ProjectReference Include="..\..\src\Modules\Customers.Contracts\ModularPayments.Modules.Customers.Contracts.csproj" />
//   (and the host: ..\..\src\Api\ModularPayments.Api.csproj). Nothing else: ProductAssemblies discovers every
//   ModularPayments.*.dll in the test output (tests and fixtures excluded), and the module rules select module code
//   by assembly name (ModularPayments.Modules.*) and by namespace layer (.Domain, .Application, .Infrastructure,
//   .Endpoints, .Contracts).
//
// Every rule fails when its selection is empty, so until the first module is referenced the module rules are red
// with "checked nothing: its selection [...] is empty". That is deliberate: a rule that checks nothing proves nothing.
using ModularPayments.ArchitectureTests.Engine;
using ModularPayments.ArchitectureTests.Rules;
using Xunit.Abstractions;

namespace ModularPayments.ArchitectureTests;

public sealed class ProductArchitectureTests(ProductModelFixture fixture, ITestOutputHelper output) : IClassFixture<ProductModelFixture>
{
    private static readonly ArchitectureConventions P = ArchitectureConventions.Product;

    private ArchModel Model => fixture.Model;

    /// <summary>All product code.</summary>
    private static TypeSelection Product => TypeSelection.InAssemblies("ModularPayments.*");

    /// <summary>Code that is neither a module, nor the host, nor the Fintoc layer: BuildingBlocks, event-store adapters.</summary>
    private static AssemblyPattern SharedAssemblies => new("ModularPayments.*", "ModularPayments.Modules.*", "ModularPayments.Api*", "ModularPayments.Fintoc*");

    private void Check(RuleResult result)
    {
        output.WriteLine(result.Describe());
        result.Assert();
    }

    // ---- Discovery -------------------------------------------------------------------------------------------

    [Fact]
    public void The_shared_product_assemblies_are_discovered()
    {
        output.WriteLine("Product assemblies: " + string.Join(", ", ProductAssemblies.Names));
        Assert.All(ProductAssemblies.Required, name => Assert.Contains(name, ProductAssemblies.Names));
        Assert.DoesNotContain(ProductAssemblies.Names, n => n.Contains("Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Module_assemblies_are_referenced()
    {
        var modules = ProductAssemblies.Names.Where(P.ModuleAssemblies.Matches).ToList();
        output.WriteLine("Module assemblies: " + string.Join(", ", modules));
        Assert.True(
            modules.Count > 0,
            "No ModularPayments.Modules.* assembly is referenced by ModularPayments.ArchitectureTests; add each module's " +
            "ProjectReference (and its Contracts') to the test project, see the top of ProductArchitectureTests.cs.");
    }

    // ---- Rule 1: Domain --------------------------------------------------------------------------------------

    [Fact]
    public void BuildingBlocks_domain_depends_only_on_the_bcl() =>
        Check(ArchitectureRules.DomainIsPure(Model, P, P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void BuildingBlocks_domain_reads_no_clock_and_makes_no_guids() =>
        Check(ArchitectureRules.DomainReadsNoClock(Model, P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void Module_domain_depends_only_on_the_bcl_and_building_blocks_domain() =>
        Check(ArchitectureRules.DomainIsPure(Model, P, P.ModuleDomain));

    [Fact]
    public void Module_domain_reads_no_clock_and_makes_no_guids() =>
        Check(ArchitectureRules.DomainReadsNoClock(Model, P.ModuleDomain));

    // ---- Rule 2 and layering ---------------------------------------------------------------------------------

    [Fact]
    public void Module_application_does_not_depend_on_infrastructure_aspnet_sqlite_adapters_or_fintoc() =>
        Check(ArchitectureRules.ApplicationIsIndependentOfInfrastructure(Model, P, P.ModuleApplication));

    [Fact]
    public void Layers_inside_a_module_point_inwards() =>
        Check(ArchitectureRules.LayersPointInwards(Model, P));

    // ---- Rule 3 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Modules_depend_on_each_other_only_through_contracts() =>
        Check(ArchitectureRules.ModulesMeetOnlyThroughContracts(Model, P));

    // ---- Rule 4 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Only_module_infrastructure_references_fintoc() =>
        Check(ArchitectureRules.FintocOnlyInInfrastructure(Model, P));

    [Fact]
    public void Shared_code_does_not_reference_fintoc() =>
        Check(ArchitectureRules.SharedCodeDoesNotReferenceFintoc(Model, P, TypeSelection.InAssemblies(SharedAssemblies), SharedAssemblies));

    // ---- Rule 5 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Contracts_reference_only_the_bcl() =>
        Check(ArchitectureRules.ContractsReferenceOnlyTheBcl(Model, P));

    [Fact]
    public void Contracts_are_sealed_immutable_records_of_primitives() =>
        Check(ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(Model, P));

    // ---- Rule 6 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Commands_queries_and_handlers_follow_the_naming_and_sealing_conventions() =>
        Check(ArchitectureRules.CqrsNaming(Model, Product));

    [Fact]
    public void Each_command_and_query_has_exactly_one_handler() =>
        Check(ArchitectureRules.EachRequestHasOneHandler(Model, Product, Product));

    // ---- Rule 7 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Events_commands_and_queries_are_immutable() =>
        Check(ArchitectureRules.MessagesAreImmutable(Model, Product));

    [Fact]
    public void Every_domain_event_has_a_unique_registered_name() =>
        Check(ArchitectureRules.EventsHaveUniqueNames(Model, Product));

    [Fact]
    public void Every_domain_event_round_trips_through_the_event_serializer()
    {
        Func<object, object?> roundTrip;
        try
        {
            roundTrip = EventRoundTrip.ThroughEventSerializer(ProductAssemblies.Loaded);
        }
        catch (InvalidOperationException e)
        {
            Assert.Fail("EventTypeRegistry refuses the product assemblies: " + e.Message);
            return;
        }

        Check(EventRoundTrip.Check(Model, Product, roundTrip));
    }

    // ---- Rule 8 ----------------------------------------------------------------------------------------------

    [Fact]
    public void BuildingBlocks_domain_has_no_floating_point() =>
        Check(ArchitectureRules.NoFloatingPoint(Model, P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void Module_domain_application_and_contracts_have_no_floating_point() =>
        Check(ArchitectureRules.NoFloatingPoint(Model, P.ModuleDomain.Or(P.ModuleApplication).Or(P.ModuleContracts)));

    [Fact]
    public void No_floating_point_money_anywhere() =>
        Check(ArchitectureRules.NoFloatingPointMoney(Model, Product));
}
