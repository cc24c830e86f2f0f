using ModularPayments.ArchitectureTests.Engine;
using ModularPayments.ArchitectureTests.Rules;
using ModularPayments.BuildingBlocks.EventSourcing;
using Xunit.Sdk;

namespace ModularPayments.ArchitectureTests.EngineTests;

/// <summary>
/// The engine's own tests: the product rules, run over the fixture assembly (tests/ModularPayments.ArchitectureTests.Fixtures),
/// must report exactly the offences planted there, and nothing in the clean "Good" module.
/// </summary>
public sealed class FixtureRuleTests(FixtureModelFixture fixture) : IClassFixture<FixtureModelFixture>
{
    private const string Bad = "Fixtures.Modules.Bad.";
    private const string Good = "Fixtures.Modules.Good.";
    private const string Dto = "Fixtures.Fintoc.FintocCustomerDto";
    private static readonly ArchitectureConventions F = ArchitectureConventions.Fixtures;

    private ArchModel Model => fixture.Model;

    private static TypeSelection StrictLayers => F.ModuleDomain.Or(F.ModuleApplication).Or(F.ModuleContracts);

    [Fact]
    public void Domain_purity_reports_every_non_bcl_dependency()
    {
        var result = ArchitectureRules.DomainIsPure(Model, F, F.ModuleDomain);

        AssertOffenders(
            result,
            $"{Bad}Domain.AsyncClock → System.Threading.Tasks.Task",
            $"{Bad}Domain.AsyncClock → System.Threading.Tasks.Task`1",
            $"{Bad}Domain.FintocLeak → {Dto}",
            $"{Bad}Domain.ForeignDomainUser → {Good}Domain.Order",
            $"{Bad}Domain.HttpUser → System.Net.Http.HttpClient",
            $"{Bad}Domain.JsonUser → System.Text.Json.JsonSerializer",
            $"{Bad}Domain.JsonUser → System.Text.Json.JsonSerializerOptions",
            $"{Bad}Domain.LayerBreaker → {Bad}Application.DoThing",
            $"{Bad}Domain.MediatorUser → MediatR.IMediator");
    }

    [Fact]
    public void Domain_clock_rule_finds_reads_in_lambdas_and_async_state_machines()
    {
        var result = ArchitectureRules.DomainReadsNoClock(Model, F.ModuleDomain);

        AssertOffenders(
            result,
            $"{Bad}Domain.AsyncClock → System.DateTimeOffset::get_Now",
            $"{Bad}Domain.ClockReader → System.DateTime::get_UtcNow",
            $"{Bad}Domain.IdFactory → System.Guid::NewGuid",
            $"{Bad}Domain.LambdaTimer → System.Diagnostics.Stopwatch");
    }

    [Fact]
    public void Application_rule_reports_infrastructure_endpoints_sqlite_aspnet_adapters_and_fintoc()
    {
        var result = ArchitectureRules.ApplicationIsIndependentOfInfrastructure(Model, F, F.ModuleApplication);

        AssertOffenders(
            result,
            $"{Bad}Application.AdapterUser → Fixtures.EventStore.FakeAdapter",
            $"{Bad}Application.AspNetUser → Microsoft.AspNetCore.Http.IResult",
            $"{Bad}Application.EndpointUser → {Bad}Endpoints.BadEndpoints",
            $"{Bad}Application.FintocApplicationUser → {Dto}",
            $"{Bad}Application.InfrastructureUser → {Bad}Infrastructure.BadRepository",
            $"{Bad}Application.SqliteUsingService → Microsoft.Data.Sqlite.SqliteConnection");
    }

    [Fact]
    public void Layering_rule_reports_domain_to_application_and_application_to_endpoints()
    {
        AssertOffenders(
            ArchitectureRules.LayersPointInwards(Model, F),
            $"{Bad}Application.EndpointUser → {Bad}Endpoints.BadEndpoints",
            $"{Bad}Domain.LayerBreaker → {Bad}Application.DoThing");
    }

    [Fact]
    public void Cross_module_rule_allows_contracts_only()
    {
        AssertOffenders(
            ArchitectureRules.ModulesMeetOnlyThroughContracts(Model, F),
            $"{Bad}Application.CrossModuleUser → {Good}Domain.Order",
            $"{Bad}Domain.ForeignDomainUser → {Good}Domain.Order");
    }

    [Fact]
    public void Fintoc_rule_allows_infrastructure_only()
    {
        AssertOffenders(
            ArchitectureRules.FintocOnlyInInfrastructure(Model, F),
            $"{Bad}Application.FintocApplicationUser → {Dto}",
            $"{Bad}Domain.FintocLeak → {Dto}",
            $"{Bad}Endpoints.BadEndpoints → {Dto}");
    }

    [Fact]
    public void Fintoc_rule_for_shared_code()
    {
        var shared = TypeSelection.InNamespaces(NamespacePattern.Under("Fixtures.Shared"));

        AssertOffenders(
            ArchitectureRules.SharedCodeDoesNotReferenceFintoc(Model, F, shared, new AssemblyPattern("Fixtures.Shared")),
            $"Fixtures.Shared.SharedHelper → {Dto}");
    }

    [Fact]
    public void Contracts_dependency_rule_reports_non_bcl_types()
    {
        AssertOffenders(
            ArchitectureRules.ContractsReferenceOnlyTheBcl(Model, F),
            $"{Bad}Contracts.LeakyContract → {Bad}Domain.MutableEvent");
    }

    [Fact]
    public void Contracts_shape_rule_reports_non_records_unsealed_setters_and_non_primitives()
    {
        AssertOffenders(
            ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(Model, F),
            $"{Bad}Contracts.ClassContract → ClassContract is not a record class",
            $"{Bad}Contracts.CustomerKind → CustomerKind is not a record class",
            $"{Bad}Contracts.FloatContract → property Amount is System.Double, not a contract primitive",
            $"{Bad}Contracts.FloatContract → property Fee is System.Decimal, not a contract primitive",
            $"{Bad}Contracts.FloatContract → property Kind is {Bad}Contracts.CustomerKind, not a contract primitive",
            $"{Bad}Contracts.LeakyContract → property Event is {Bad}Domain.MutableEvent, not a contract primitive",
            $"{Bad}Contracts.MutableContract → property Name has a setter",
            $"{Bad}Contracts.NotSealedContract → NotSealedContract is not sealed");
    }

    [Fact]
    public void Cqrs_naming_rule_reports_names_visibility_and_sealing()
    {
        AssertOffenders(
            ArchitectureRules.CqrsNaming(Model, F.ModuleTypes),
            $"{Bad}Application.DoThing → command name does not end in 'Command'",
            $"{Bad}Application.ListStuff → query name does not end in 'Query'",
            $"{Bad}Application.ListStuffProcessor → handler name does not end in 'Handler'",
            $"{Bad}Application.RenameCommandHandler → handler is not sealed",
            $"{Bad}Application.RenameCommandHandler → handler is public (make it internal)");
    }

    [Fact]
    public void One_handler_rule_reports_missing_and_duplicate_handlers()
    {
        AssertOffenders(
            ArchitectureRules.EachRequestHasOneHandler(Model, F.ModuleTypes, F.ModuleTypes),
            $"{Bad}Application.OrphanCommand → OrphanCommand has 0 handlers",
            $"{Bad}Application.TwiceQuery → TwiceQuery has 2 handlers");
    }

    [Fact]
    public void Immutability_rule_reports_public_setters_and_mutable_fields()
    {
        AssertOffenders(
            ArchitectureRules.MessagesAreImmutable(Model, F.ModuleTypes),
            $"{Bad}Application.RenameCommand → RenameCommand.NewName has a public setter",
            $"{Bad}Domain.MutableEvent → MutableEvent.Count is a mutable public field",
            $"{Bad}Domain.MutableEvent → MutableEvent.Name has a public setter");
    }

    [Fact]
    public void Event_name_rule_reports_missing_and_duplicate_names()
    {
        AssertOffenders(
            ArchitectureRules.EventsHaveUniqueNames(Model, F.ModuleTypes),
            $"{Bad}Domain.DuplicateNameEvent → event name 'good.order_placed' is also used by {Good}Domain.OrderPlaced",
            $"{Bad}Domain.UnnamedEvent → UnnamedEvent has no [EventType(\"...\")] name",
            $"{Good}Domain.OrderPlaced → event name 'good.order_placed' is also used by {Bad}Domain.DuplicateNameEvent");
    }

    [Fact]
    public void Round_trip_rule_reports_lossy_events()
    {
        // The fixture's planted naming problems make EventTypeRegistry refuse the assembly (see the next test), so
        // this runs the engine with the serializer's own JSON options instead of EventSerializer.
        var result = EventRoundTrip.Check(Model, F.ModuleTypes, JsonRoundTrip);

        var violation = Assert.Single(result.Violations);
        Assert.Equal($"{Bad}Domain.LossyEvent", violation.Type);
        Assert.StartsWith("changes in a round trip", violation.Offence, StringComparison.Ordinal);
        Assert.Equal(7, result.SelectedCount); // OrderPlaced, OrderCancelled, PriceChanged, MutableEvent, UnnamedEvent, DuplicateNameEvent, LossyEvent
    }

    [Fact]
    public void The_event_serializer_path_reports_registry_problems_of_the_fixture()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventRoundTrip.ThroughEventSerializer([FixtureModelFixture.Assembly]));

        Assert.Contains("UnnamedEvent has no [EventType", error.Message, StringComparison.Ordinal);
        Assert.Contains("'good.order_placed' names both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_float_rule_reports_every_double_in_domain_application_and_contracts()
    {
        AssertOffenders(
            ArchitectureRules.NoFloatingPoint(Model, StrictLayers),
            $"{Bad}Contracts.FloatContract → Double parameter Amount of FloatContract..ctor",
            $"{Bad}Contracts.FloatContract → Double property FloatContract.Amount",
            $"{Bad}Domain.PriceCalculator → Double local scaled in PriceCalculator.Round",
            $"{Bad}Domain.PriceCalculator → Double parameter value of PriceCalculator.Round",
            $"{Bad}Domain.PriceCalculator → Double property PriceCalculator.Amount",
            $"{Bad}Domain.PriceChanged → Double parameter Price of PriceChanged..ctor",
            $"{Bad}Domain.PriceChanged → Double property PriceChanged.Price");
    }

    [Fact]
    public void Named_float_rule_reports_money_named_doubles_elsewhere_and_ignores_others()
    {
        var elsewhere = TypeSelection.InNamespaces(NamespacePattern.Under("Fixtures")).Except(StrictLayers);

        AssertOffenders(
            ArchitectureRules.NoFloatingPointMoney(Model, elsewhere),
            $"{Bad}Infrastructure.BadRepository → Double local priceEach in BadRepository.Scale",
            $"{Bad}Infrastructure.BadRepository → Double parameter totalFee of BadRepository.Save");
    }

    [Fact]
    public void The_good_module_passes_every_rule()
    {
        var good = TypeSelection.InNamespaces(NamespacePattern.Under("Fixtures.Modules.Good"));
        var goodF = F with { ModuleTypes = good };
        RuleResult[] results =
        [
            ArchitectureRules.DomainIsPure(Model, goodF, goodF.ModuleDomain),
            ArchitectureRules.DomainReadsNoClock(Model, goodF.ModuleDomain),
            ArchitectureRules.ApplicationIsIndependentOfInfrastructure(Model, goodF, goodF.ModuleApplication),
            ArchitectureRules.LayersPointInwards(Model, goodF),
            ArchitectureRules.ModulesMeetOnlyThroughContracts(Model, goodF),
            ArchitectureRules.FintocOnlyInInfrastructure(Model, goodF),
            ArchitectureRules.ContractsReferenceOnlyTheBcl(Model, goodF),
            ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(Model, goodF),
            ArchitectureRules.CqrsNaming(Model, good),
            ArchitectureRules.EachRequestHasOneHandler(Model, good, good),
            ArchitectureRules.MessagesAreImmutable(Model, good),
            ArchitectureRules.EventsHaveUniqueNames(Model, good),
            EventRoundTrip.Check(Model, good, JsonRoundTrip),
            ArchitectureRules.NoFloatingPoint(Model, goodF.ModuleDomain.Or(goodF.ModuleApplication).Or(goodF.ModuleContracts)),
            ArchitectureRules.NoFloatingPointMoney(Model, good),
        ];

        foreach (var result in results)
        {
            result.Assert();
        }
    }

    [Fact]
    public void Every_rule_fails_on_an_empty_selection_and_names_it()
    {
        var product = ArchitectureConventions.Product; // no ModularPayments.Modules.* types in the fixture model
        RuleResult[] results =
        [
            ArchitectureRules.DomainIsPure(Model, product, product.ModuleDomain),
            ArchitectureRules.DomainReadsNoClock(Model, product.ModuleDomain),
            ArchitectureRules.ApplicationIsIndependentOfInfrastructure(Model, product, product.ModuleApplication),
            ArchitectureRules.LayersPointInwards(Model, product),
            ArchitectureRules.ModulesMeetOnlyThroughContracts(Model, product),
            ArchitectureRules.FintocOnlyInInfrastructure(Model, product),
            ArchitectureRules.SharedCodeDoesNotReferenceFintoc(Model, product, product.ModuleTypes, product.ModuleAssemblies),
            ArchitectureRules.ContractsReferenceOnlyTheBcl(Model, product),
            ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(Model, product),
            ArchitectureRules.CqrsNaming(Model, product.ModuleTypes),
            ArchitectureRules.EachRequestHasOneHandler(Model, product.ModuleTypes, product.ModuleTypes),
            ArchitectureRules.MessagesAreImmutable(Model, product.ModuleTypes),
            ArchitectureRules.EventsHaveUniqueNames(Model, product.ModuleTypes),
            EventRoundTrip.Check(Model, product.ModuleTypes, JsonRoundTrip),
            ArchitectureRules.NoFloatingPoint(Model, product.ModuleDomain),
            ArchitectureRules.NoFloatingPointMoney(Model, product.ModuleTypes),
            Rule.AssemblyReferences("assemblies", Model, new AssemblyPattern("Nothing.*"), (_, _) => "x"),
        ];

        foreach (var result in results)
        {
            Assert.True(result.SelectionIsEmpty, result.Describe());
            var failure = Assert.Throws<FailException>(result.Assert);
            Assert.Contains("checked nothing", failure.Message, StringComparison.Ordinal);
            Assert.Contains(result.Selection, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_failure_lists_every_offender_not_just_the_first()
    {
        var result = ArchitectureRules.DomainReadsNoClock(Model, F.ModuleDomain);

        var failure = Assert.Throws<FailException>(result.Assert);

        Assert.Contains("4 offender(s)", failure.Message, StringComparison.Ordinal);
        foreach (var violation in result.Violations)
        {
            Assert.Contains(violation.ToString(), failure.Message, StringComparison.Ordinal);
        }

        // ... and says where each was found.
        Assert.Contains("body of <>c.<Timer>b__0_0", failure.Message, StringComparison.Ordinal);
    }

    private static object? JsonRoundTrip(object domainEvent) =>
        System.Text.Json.JsonSerializer.Deserialize(EventRoundTrip.Json(domainEvent), domainEvent.GetType(), JsonDefaults.Events);

    internal static void AssertOffenders(RuleResult result, params string[] expected)
    {
        Assert.False(result.SelectionIsEmpty, result.Describe());
        var actual = result.Keys.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(e => !actual.Contains(e)).ToList();
        var unexpected = actual.Where(a => !expected.Contains(a, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            Assert.Fail(
                $"Rule '{result.Rule}' did not report exactly the planted offenders.\n" +
                $"Missing:\n  {string.Join("\n  ", missing)}\nUnexpected:\n  {string.Join("\n  ", unexpected)}\n\n{result.Describe()}");
        }
    }
}
