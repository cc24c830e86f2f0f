using ModularPayments.ArchitectureTests.Rules;
using ModularPayments.BuildingBlocks.EventSourcing;
using Xunit.Sdk;

namespace ModularPayments.ArchitectureTests.RuleTests;

/// <summary>
/// The rules' own tests: the product rules, run over the fixture assembly (tests/ModularPayments.ArchitectureTests.Fixtures),
/// must name exactly the offenders planted there, and nothing in the clean "Good" module.
/// </summary>
public sealed class FixtureRuleTests
{
    private const string Bad = "Fixtures.Modules.Bad.";
    private const string Good = "Fixtures.Modules.Good.";

    public static System.Reflection.Assembly Assembly { get; } = typeof(Fixtures.FixtureMarker).Assembly;

    private static readonly Layout F = new("Fixtures", [Assembly], separateAssemblies: false);

    private static Selection StrictLayers => F.ModuleLayers("Domain", "Application", "Contracts");

    [Fact]
    public void The_fixture_has_the_two_planted_modules() =>
        Assert.Equal(["Bad", "Good"], F.Modules);

    [Fact]
    public void Domain_purity_reports_every_non_bcl_dependency()
    {
        var result = ArchitectureRules.ModuleDomainIsPure(F);

        AssertOffenders(
            result,
            $"{Bad}Domain.AsyncClock", // System.Threading.Tasks
            $"{Bad}Domain.FintocLeak",
            $"{Bad}Domain.ForeignDomainUser",
            $"{Bad}Domain.HttpUser",
            $"{Bad}Domain.JsonUser",
            $"{Bad}Domain.LayerBreaker",
            $"{Bad}Domain.MediatorUser");
    }

    [Fact]
    public void Domain_clock_rule_finds_reads_in_lambdas_async_state_machines_and_nested_types()
    {
        var result = ArchitectureRules.DomainReadsNoClock(F.ModuleLayer("Domain"));

        AssertOffenders(
            result,
            $"{Bad}Domain.AsyncClock",
            $"{Bad}Domain.ClockReader",
            $"{Bad}Domain.IdFactory",
            $"{Bad}Domain.LambdaTimer",
            $"{Bad}Domain.Outer+NestedClock");
        AssertReason(result, $"{Bad}Domain.AsyncClock", "System.DateTimeOffset::get_Now in <LaterAsync>d__0.MoveNext");
        AssertReason(result, $"{Bad}Domain.ClockReader", "System.DateTime::get_UtcNow in ClockReader.Now");
        AssertReason(result, $"{Bad}Domain.IdFactory", "System.Guid::NewGuid in IdFactory.New");
        AssertReason(result, $"{Bad}Domain.LambdaTimer", "uses System.TimeProvider or System.Diagnostics.Stopwatch");
    }

    [Fact]
    public void Application_rule_reports_infrastructure_endpoints_sqlite_aspnet_adapters_and_fintoc()
    {
        AssertOffenders(
            ArchitectureRules.ApplicationIsIndependentOfInfrastructure(F),
            $"{Bad}Application.AdapterUser",
            $"{Bad}Application.AspNetUser",
            $"{Bad}Application.EndpointUser",
            $"{Bad}Application.FintocApplicationUser",
            $"{Bad}Application.InfrastructureUser",
            $"{Bad}Application.SqliteUsingService");
    }

    [Fact]
    public void Layering_rule_reports_domain_to_application_and_application_to_endpoints()
    {
        AssertOffenders(
            ArchitectureRules.LayersPointInwards(F),
            $"{Bad}Application.EndpointUser",
            $"{Bad}Domain.LayerBreaker");
    }

    [Fact]
    public void Cross_module_rule_allows_contracts_only()
    {
        // Bad.Application.ContractsUser and Good.Application.CustomerRegisteredTranslator use the other module's Contracts: allowed.
        AssertOffenders(
            ArchitectureRules.ModulesMeetOnlyThroughContracts(F),
            $"{Bad}Application.CrossModuleUser",
            $"{Bad}Domain.ForeignDomainUser");
    }

    [Fact]
    public void Fintoc_rule_allows_infrastructure_only()
    {
        AssertOffenders(
            ArchitectureRules.FintocOnlyInInfrastructure(F),
            $"{Bad}Application.FintocApplicationUser",
            $"{Bad}Domain.FintocLeak",
            $"{Bad}Endpoints.BadEndpoints");
    }

    [Fact]
    public void Fintoc_rule_for_shared_code()
    {
        var shared = F.Where("Fixtures.Shared", ns => Layout.IsUnder(ns, "Fixtures.Shared"));

        AssertOffenders(ArchitectureRules.SharedCodeDoesNotReferenceFintoc(F, shared, sharedAssemblies: null), "Fixtures.Shared.SharedHelper");
    }

    [Fact]
    public void Contracts_dependency_rule_reports_non_bcl_types()
    {
        AssertOffenders(ArchitectureRules.ContractsReferenceOnlyTheBcl(F), $"{Bad}Contracts.LeakyContract");
    }

    [Fact]
    public void Contracts_shape_rule_reports_non_records_unsealed_setters_and_non_primitives()
    {
        var result = ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(F);

        AssertOffenders(
            result,
            $"{Bad}Contracts.ClassContract",
            $"{Bad}Contracts.CustomerKind",
            $"{Bad}Contracts.FloatContract",
            $"{Bad}Contracts.LeakyContract",
            $"{Bad}Contracts.MutableContract",
            $"{Bad}Contracts.NotSealedContract");
        AssertReason(result, $"{Bad}Contracts.ClassContract", "ClassContract is not a record class");
        AssertReason(result, $"{Bad}Contracts.CustomerKind", "CustomerKind is not a record class");
        AssertReason(result, $"{Bad}Contracts.FloatContract", "property Amount is System.Double, not a contract primitive");
        AssertReason(result, $"{Bad}Contracts.FloatContract", "property Fee is System.Decimal, not a contract primitive");
        AssertReason(result, $"{Bad}Contracts.FloatContract", $"property Kind is {Bad}Contracts.CustomerKind, not a contract primitive");
        AssertReason(result, $"{Bad}Contracts.LeakyContract", $"property Event is {Bad}Domain.MutableEvent, not a contract primitive");
        AssertReason(result, $"{Bad}Contracts.MutableContract", "property Name has a setter");
        AssertReason(result, $"{Bad}Contracts.NotSealedContract", "is not sealed");
    }

    [Fact]
    public void Cqrs_naming_rule_reports_names_visibility_and_sealing()
    {
        var result = ArchitectureRules.CqrsNaming(F.ModuleTypes);

        AssertOffenders(
            result,
            $"{Bad}Application.DoThing",
            $"{Bad}Application.ListStuff",
            $"{Bad}Application.ListStuffProcessor",
            $"{Bad}Application.RenameCommandHandler");
        AssertReason(result, $"{Bad}Application.DoThing", "command name does not end in 'Command'");
        AssertReason(result, $"{Bad}Application.ListStuff", "query name does not end in 'Query'");
        AssertReason(result, $"{Bad}Application.ListStuffProcessor", "handler name does not end in 'Handler'");
        AssertReason(result, $"{Bad}Application.RenameCommandHandler", "handler is not sealed");
        AssertReason(result, $"{Bad}Application.RenameCommandHandler", "handler is public (make it internal)");
    }

    [Fact]
    public void One_handler_rule_reports_missing_and_duplicate_handlers()
    {
        var result = ArchitectureRules.EachRequestHasOneHandler(F.ModuleTypes, F.ModuleTypes);

        AssertOffenders(result, $"{Bad}Application.OrphanCommand", $"{Bad}Application.TwiceQuery");
        AssertReason(result, $"{Bad}Application.OrphanCommand", "OrphanCommand has 0 handlers");
        AssertReason(result, $"{Bad}Application.TwiceQuery",
            $"TwiceQuery has 2 handlers: {Bad}Application.TwiceQueryHandler, {Bad}Application.TwiceQueryOtherHandler");
    }

    [Fact]
    public void Immutability_rule_reports_public_setters_and_mutable_fields()
    {
        var result = ArchitectureRules.MessagesAreImmutable(F.ModuleTypes);

        AssertOffenders(result, $"{Bad}Application.RenameCommand", $"{Bad}Domain.MutableEvent");
        AssertReason(result, $"{Bad}Application.RenameCommand", "RenameCommand.NewName has a public setter");
        AssertReason(result, $"{Bad}Domain.MutableEvent", "MutableEvent.Count is a mutable public field");
        AssertReason(result, $"{Bad}Domain.MutableEvent", "MutableEvent.Name has a public setter");
    }

    [Fact]
    public void Event_name_rule_reports_missing_and_duplicate_names()
    {
        var result = ArchitectureRules.EventsHaveUniqueNames(F.ModuleTypes);

        AssertOffenders(result, $"{Bad}Domain.DuplicateNameEvent", $"{Bad}Domain.UnnamedEvent", $"{Good}Domain.OrderPlaced");
        AssertReason(result, $"{Bad}Domain.DuplicateNameEvent", $"event name 'good.order_placed' is also used by {Good}Domain.OrderPlaced");
        AssertReason(result, $"{Bad}Domain.UnnamedEvent", "UnnamedEvent has no [EventType(\"...\")] name");
        AssertReason(result, $"{Good}Domain.OrderPlaced", $"event name 'good.order_placed' is also used by {Bad}Domain.DuplicateNameEvent");
    }

    [Fact]
    public void Round_trip_rule_reports_lossy_events()
    {
        // The fixture's planted naming problems make EventTypeRegistry refuse the assembly (see the next test), so
        // this runs the rule with the serializer's own JSON options instead of EventSerializer.
        var result = EventRoundTrip.Check(F.ModuleTypes, JsonRoundTrip);

        AssertOffenders(result, $"{Bad}Domain.LossyEvent");
        Assert.StartsWith("changes in a round trip", Assert.Single(result.Reasons[$"{Bad}Domain.LossyEvent"]), StringComparison.Ordinal);
        Assert.Equal(7, result.SelectedCount); // OrderPlaced, OrderCancelled, PriceChanged, MutableEvent, UnnamedEvent, DuplicateNameEvent, LossyEvent
    }

    [Fact]
    public void The_event_serializer_path_reports_registry_problems_of_the_fixture()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventRoundTrip.ThroughEventSerializer([Assembly]));

        Assert.Contains("UnnamedEvent has no [EventType", error.Message, StringComparison.Ordinal);
        Assert.Contains("'good.order_placed' names both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_float_rule_reports_every_double_in_domain_application_and_contracts()
    {
        var result = ArchitectureRules.NoFloatingPoint(StrictLayers);

        AssertOffenders(result, $"{Bad}Contracts.FloatContract", $"{Bad}Domain.PriceCalculator", $"{Bad}Domain.PriceChanged");
        AssertReason(result, $"{Bad}Contracts.FloatContract", "Double parameter Amount of FloatContract..ctor");
        AssertReason(result, $"{Bad}Contracts.FloatContract", "Double property FloatContract.Amount");
        AssertReason(result, $"{Bad}Domain.PriceCalculator", "Double local scaled in PriceCalculator.Round");
        AssertReason(result, $"{Bad}Domain.PriceCalculator", "Double parameter value of PriceCalculator.Round");
        AssertReason(result, $"{Bad}Domain.PriceCalculator", "Double property PriceCalculator.Amount");
        AssertReason(result, $"{Bad}Domain.PriceChanged", "Double parameter Price of PriceChanged..ctor");
        AssertReason(result, $"{Bad}Domain.PriceChanged", "Double property PriceChanged.Price");
    }

    [Fact]
    public void Named_float_rule_reports_money_named_doubles_elsewhere_and_ignores_others()
    {
        var elsewhere = F.Where("Fixtures outside Domain, Application and Contracts",
            ns => Layout.IsUnder(ns, "Fixtures") && !(F.ModuleOf(ns) is not null && F.LayerOf(ns) is "Domain" or "Application" or "Contracts"));

        var result = ArchitectureRules.NoFloatingPointMoney(elsewhere);

        AssertOffenders(result, $"{Bad}Infrastructure.BadRepository");
        Assert.Equal(
            ["Double parameter totalFee of BadRepository.Save", "Double local priceEach in BadRepository.Scale"],
            result.Reasons[$"{Bad}Infrastructure.BadRepository"]);
    }

    [Fact]
    public void The_good_module_passes_every_rule()
    {
        var goodLayout = F.OnlyModules("Good");
        var good = goodLayout.ModuleTypes;
        ArchResult[] results =
        [
            ArchitectureRules.ModuleDomainIsPure(goodLayout),
            ArchitectureRules.DomainReadsNoClock(goodLayout.ModuleLayer("Domain")),
            ArchitectureRules.ApplicationIsIndependentOfInfrastructure(goodLayout),
            ArchitectureRules.LayersPointInwards(goodLayout),
            ArchitectureRules.ModulesMeetOnlyThroughContracts(goodLayout),
            ArchitectureRules.FintocOnlyInInfrastructure(goodLayout),
            ArchitectureRules.ContractsReferenceOnlyTheBcl(goodLayout),
            ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(goodLayout),
            ArchitectureRules.CqrsNaming(good),
            ArchitectureRules.EachRequestHasOneHandler(good, good),
            ArchitectureRules.MessagesAreImmutable(good),
            EventRoundTrip.Check(good, JsonRoundTrip),
            ArchitectureRules.NoFloatingPoint(goodLayout.ModuleLayers("Domain", "Application", "Contracts")),
            ArchitectureRules.NoFloatingPointMoney(good),
        ];

        Assert.All(results, result => result.Assert());

        // Good's event names are unique among Good's events; the clash with Bad is the Bad module's planted offence.
        ArchitectureRules.EventsHaveUniqueNames(good).Assert();
    }

    [Fact]
    public void Every_rule_fails_on_an_empty_selection_and_names_it()
    {
        // Product conventions over the fixture assembly: no ModularPayments.Modules.* (nor BuildingBlocks) types there.
        var none = new Layout("ModularPayments", [Assembly], separateAssemblies: true);
        ArchResult[] results =
        [
            ArchitectureRules.ModuleDomainIsPure(none),
            ArchitectureRules.DomainIsPure(none, none.BuildingBlocksLayer("Domain")),
            ArchitectureRules.DomainReadsNoClock(none.ModuleLayer("Domain")),
            ArchitectureRules.ApplicationIsIndependentOfInfrastructure(none),
            ArchitectureRules.LayersPointInwards(none),
            ArchitectureRules.ModulesMeetOnlyThroughContracts(none),
            ArchitectureRules.FintocOnlyInInfrastructure(none),
            ArchitectureRules.SharedCodeDoesNotReferenceFintoc(none, none.ModuleTypes, []),
            ArchitectureRules.ContractsReferenceOnlyTheBcl(none),
            ArchitectureRules.ContractsAreSealedRecordsOfPrimitives(none),
            ArchitectureRules.CqrsNaming(none.ModuleTypes),
            ArchitectureRules.EachRequestHasOneHandler(none.ModuleTypes, none.ModuleTypes),
            ArchitectureRules.MessagesAreImmutable(none.ModuleTypes),
            ArchitectureRules.EventsHaveUniqueNames(none.ModuleTypes),
            EventRoundTrip.Check(none.ModuleTypes, JsonRoundTrip),
            ArchitectureRules.NoFloatingPoint(none.ModuleLayer("Domain")),
            ArchitectureRules.NoFloatingPointMoney(none.ModuleTypes),
            ArchCheck.AssemblyReferences("assemblies", "no assemblies", [], (_, _) => true),
        ];

        Assert.All(results, result =>
        {
            Assert.True(result.SelectionIsEmpty, result.Describe());
            var failure = Assert.Throws<FailException>(result.Assert);
            Assert.Contains("checked nothing: selection [", failure.Message, StringComparison.Ordinal);
            Assert.Contains(result.Selection, failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_rule_checks_nothing_if_any_of_its_parts_checked_nothing()
    {
        var some = ArchitectureRules.NoFloatingPoint(StrictLayers);
        var nothing = ArchitectureRules.NoFloatingPoint(F.ModuleLayer("Nowhere"));

        var combined = ArchResult.Combine("both", some, nothing);

        Assert.True(combined.SelectionIsEmpty);
        Assert.Contains("EMPTY: Fixtures.Modules.*.Nowhere", combined.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Across_modules_a_module_without_the_selected_layer_is_left_out_but_not_every_module()
    {
        var some = ArchitectureRules.NoFloatingPoint(StrictLayers);
        var nothing = ArchitectureRules.NoFloatingPoint(F.ModuleLayer("Nowhere"));

        Assert.Equal(some.Offenders, ArchResult.AcrossModules("one of two", [some, nothing]).Offenders);
        Assert.True(ArchResult.AcrossModules("none of two", [nothing, nothing]).SelectionIsEmpty);
        Assert.True(ArchResult.AcrossModules("no modules", []).SelectionIsEmpty);
    }

    [Fact]
    public void A_failure_lists_every_offender_not_just_the_first()
    {
        var result = ArchitectureRules.DomainReadsNoClock(F.ModuleLayer("Domain"));

        var failure = Assert.Throws<FailException>(result.Assert);

        Assert.Contains("5 offender(s)", failure.Message, StringComparison.Ordinal);
        Assert.All(result.Offenders, offender => Assert.Contains($"  - {offender}: ", failure.Message, StringComparison.Ordinal));
        Assert.Contains("get_Now in <LaterAsync>d__0.MoveNext", failure.Message, StringComparison.Ordinal); // ... and says where
    }

    [Fact]
    public void Assembly_reference_check_lists_each_offending_reference()
    {
        var result = ArchCheck.AssemblyReferences("no MediatR or SQLite", "the fixture assembly", [Assembly],
            (_, reference) => reference.Name is "MediatR" or "Microsoft.Data.Sqlite");

        Assert.Equal(1, result.SelectedCount);
        Assert.Equal(["ModularPayments.ArchitectureTests.Fixtures"], result.Offenders);
        Assert.Equal(
            ["references assembly MediatR", "references assembly Microsoft.Data.Sqlite"],
            result.Reasons["ModularPayments.ArchitectureTests.Fixtures"]);
    }

    private static object? JsonRoundTrip(object domainEvent) =>
        System.Text.Json.JsonSerializer.Deserialize(EventRoundTrip.Json(domainEvent), domainEvent.GetType(), JsonDefaults.Events);

    internal static void AssertOffenders(ArchResult result, params string[] expected)
    {
        Assert.False(result.SelectionIsEmpty, result.Describe());
        var missing = expected.Except(result.Offenders, StringComparer.Ordinal).ToList();
        var unexpected = result.Offenders.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            Assert.Fail(
                $"Rule '{result.Rule}' did not name exactly the planted offenders.\n" +
                $"Missing:\n  {string.Join("\n  ", missing)}\nUnexpected:\n  {string.Join("\n  ", unexpected)}\n\n{result.Describe()}");
        }
    }

    private static void AssertReason(ArchResult result, string offender, string reason) =>
        Assert.True(
            result.Reasons.TryGetValue(offender, out var reasons) && reasons.Contains(reason, StringComparer.Ordinal),
            $"Expected {offender} to be reported with '{reason}'.\n{result.Describe()}");
}
