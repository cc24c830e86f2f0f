// Architecture rules of docs/architecture.md, checked against the product assemblies with NetArchTest.
//
// HOW TO ADD A MODULE (or any src project) TO THE CHECKS
//   Add its ProjectReference to ModularPayments.ArchitectureTests.csproj, e.g. for Customers:
//     <ProjectReference Include="..\..\src\Modules\Customers\ModularPayments.Modules.Customers.csproj" />
//     <ProjectReference Include="..\..\src\Modules\Customers.Contracts\ModularPayments.Modules.Customers.Contracts.csproj" />
//   Nothing else: ProductAssemblies discovers every ModularPayments.*.dll in the test output (tests and fixtures
//   excluded), and the module rules find modules by namespace (ModularPayments.Modules.{Module}.{Layer}).
//
// Every rule fails when its selection is empty ("checked nothing: selection [...] is empty"): a rule that checks
// nothing proves nothing.
using ModularPayments.ArchitectureTests.Rules;
using Xunit.Abstractions;

namespace ModularPayments.ArchitectureTests;

public sealed class ProductArchitectureTests(ITestOutputHelper output)
{
    private static Layout P => Layout.Product;

    /// <summary>Code that is neither a module, nor the host, nor the Fintoc layer: BuildingBlocks, event-store adapters.</summary>
    private static IReadOnlyList<System.Reflection.Assembly> SharedAssemblies =>
        ProductAssemblies.Loaded.Where(a => a.GetName().Name is { } name &&
            !Layout.IsUnder(name, P.ModuleRoot) && !Layout.IsUnder(name, "ModularPayments.Api") && !Layout.IsUnder(name, P.FintocRoot)).ToList();

    private static Selection Shared =>
        new Layout(P.Root, SharedAssemblies, separateAssemblies: true)
            .Where("types in " + string.Join(", ", SharedAssemblies.Select(a => a.GetName().Name)), _ => true);

    private void Check(ArchResult result)
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
        var modules = ProductAssemblies.Names.Where(n => Layout.IsUnder(n, P.ModuleRoot)).ToList();
        output.WriteLine("Module assemblies: " + string.Join(", ", modules) + "; modules: " + string.Join(", ", P.Modules));
        Assert.True(
            modules.Count > 0 && P.Modules.Count > 0,
            "No ModularPayments.Modules.* assembly is referenced by ModularPayments.ArchitectureTests; add each module's " +
            "ProjectReference (and its Contracts') to the test project, see the top of ProductArchitectureTests.cs.");
    }

    // ---- Rule 1: Domain --------------------------------------------------------------------------------------

    [Fact]
    public void BuildingBlocks_domain_depends_only_on_the_bcl() =>
        Check(ArchitectureRules.DomainIsPure(P, P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void BuildingBlocks_domain_reads_no_clock_and_makes_no_guids() =>
        Check(ArchitectureRules.DomainReadsNoClock(P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void Module_domain_depends_only_on_the_bcl_and_building_blocks_domain() =>
        Check(ArchitectureRules.ModuleDomainIsPure(P));

    [Fact]
    public void Module_domain_reads_no_clock_and_makes_no_guids() =>
        Check(ArchitectureRules.DomainReadsNoClock(P.ModuleLayer("Domain")));

    // ---- Rule 2 and layering ---------------------------------------------------------------------------------

    [Fact]
    public void Module_application_does_not_depend_on_infrastructure_aspnet_sqlite_adapters_or_fintoc() =>
        Check(ArchitectureRules.ApplicationIsIndependentOfInfrastructure(P));

    [Fact]
    public void Layers_inside_a_module_point_inwards() =>
        Check(ArchitectureRules.LayersPointInwards(P));

    // ---- Rule 3 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Modules_depend_on_each_other_only_through_contracts() =>
        Check(ArchitectureRules.ModulesMeetOnlyThroughContracts(P));

    // ---- Rule 4 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Only_module_infrastructure_references_fintoc() =>
        Check(ArchitectureRules.FintocOnlyInInfrastructure(P));

    [Fact]
    public void Shared_code_does_not_reference_fintoc() =>
        Check(ArchitectureRules.SharedCodeDoesNotReferenceFintoc(P, Shared, SharedAssemblies));

    // ---- Rule 5 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Contracts_reference_only_the_bcl() =>
        Check(ArchitectureRules.ContractsReferenceOnlyTheBcl(P));

    [Fact]
    public void Contracts_are_sealed_immutable_records_of_primitives() =>
        Check(ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(P));

    // ---- Rule 6 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Commands_queries_and_handlers_follow_the_naming_and_sealing_conventions() =>
        Check(ArchitectureRules.CqrsNaming(P.All));

    [Fact]
    public void Each_command_and_query_has_exactly_one_handler() =>
        Check(ArchitectureRules.EachRequestHasOneHandler(P.All, P.All));

    // ---- Rule 7 ----------------------------------------------------------------------------------------------

    [Fact]
    public void Events_commands_and_queries_are_immutable() =>
        Check(ArchitectureRules.MessagesAreImmutable(P.All));

    [Fact]
    public void Every_domain_event_has_a_unique_registered_name() =>
        Check(ArchitectureRules.EventsHaveUniqueNames(P.All));

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

        Check(EventRoundTrip.Check(P.All, roundTrip));
    }

    // ---- Rule 8 ----------------------------------------------------------------------------------------------

    [Fact]
    public void BuildingBlocks_domain_has_no_floating_point() =>
        Check(ArchitectureRules.NoFloatingPoint(P.BuildingBlocksLayer("Domain").That(
            "outside the calendar's astronomy",
            p => p.DoNotHaveName(nameof(ModularPayments.BuildingBlocks.Domain.Calendar.JuneSolstice)))));

    /// <summary>The one exemption: the solstice's astronomy is trigonometry on doubles; it never touches money.</summary>
    [Fact]
    public void The_only_floating_point_in_domain_code_is_the_solstice_astronomy() =>
        Check(ArchitectureRules.NoFloatingPointMoney(P.BuildingBlocksLayer("Domain")));

    [Fact]
    public void Module_domain_application_and_contracts_have_no_floating_point() =>
        Check(ArchitectureRules.NoFloatingPoint(P.ModuleLayers("Domain", "Application", "Contracts")));

    [Fact]
    public void No_floating_point_money_anywhere() =>
        Check(ArchitectureRules.NoFloatingPointMoney(P.All));
}
