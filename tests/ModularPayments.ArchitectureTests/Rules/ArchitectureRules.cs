using System.Reflection;
using MediatR;
using ModularPayments.ArchitectureTests.Rules.Custom;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>
/// The rules of docs/architecture.md ("Architecture rules") in NetArchTest, each a function of a <see cref="Layout"/>
/// (or a selection), so the product tests and the fixture tests run the same code.
/// </summary>
public static class ArchitectureRules
{
    private static readonly string CommandInterface = typeof(ICommand<>).FullName!;
    private static readonly string QueryInterface = typeof(IQuery<>).FullName!;
    private static readonly string DomainEventInterface = typeof(IDomainEvent).FullName!;
    private static readonly string HandlerInterface = typeof(IRequestHandler<,>).FullName!;

    /// <summary>
    /// Parts of the BCL domain code must not use. NetArchTest matches whole namespace segments from the left, so
    /// "System" in the allow-list lets in all of System.*; these win over it. Clocks and ids: <see cref="DomainReadsNoClock"/>.
    /// </summary>
    public static IReadOnlyList<string> DomainForbiddenBcl { get; } =
    [
        "System.Threading", "System.IO", "System.Net", "System.Text.Json", "System.Reflection", "System.Data",
        "System.Xml", "System.Security", "System.Timers", "System.ComponentModel", "System.Buffers", "System.Numerics",
        "System.Resources", "System.Transactions", "System.Diagnostics.Metrics", "System.Diagnostics.Tracing",
    ];

    /// <summary>Libraries domain code may use besides the BCL (issue 7 allows the guard clauses).</summary>
    public static IReadOnlyList<string> DomainLibraries { get; } = ["Ardalis.GuardClauses"];

    private static string[] DomainForbidden(Layout layout) =>
    [
        "MediatR", "FluentValidation", "Microsoft", "Google.Protobuf", "Grpc", layout.FintocRoot, layout.EventStoreAdaptersRoot,
        .. DomainForbiddenBcl,
    ];

    // ---- Rule 1 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 1 for each module: its Domain depends only on the BCL, BuildingBlocks.Domain and its own Domain.</summary>
    public static ArchResult ModuleDomainIsPure(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return ArchResult.AcrossModules(
            "Module Domain depends only on the BCL and BuildingBlocks.Domain",
            layout.Modules.Select(m => DomainIsPure(layout, layout.ModuleLayer(m, "Domain"), $"{layout.ModuleRoot}.{m}.Domain")));
    }

    /// <summary>Rule 1 for <paramref name="domain"/>: only the BCL (minus <see cref="DomainForbiddenBcl"/>), BuildingBlocks.Domain and <paramref name="ownNamespaces"/>.</summary>
    public static ArchResult DomainIsPure(Layout layout, Selection domain, params string[] ownNamespaces)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string[] allowed = ["System", $"{Layout.BuildingBlocksRoot}.Domain", .. DomainLibraries, .. ownNamespaces];
        var forbidden = DomainForbidden(layout);
        return ArchResult.Combine(
            "Domain depends only on the BCL and BuildingBlocks.Domain",
            ArchCheck.Types("allow-list", domain, s => s.Should().OnlyHaveDependenciesOn(allowed),
                because: $"depends on something outside [{string.Join(", ", allowed)}]"),
            ArchCheck.Types("deny-list", domain, s => s.ShouldNot().HaveDependencyOnAny(forbidden),
                because: $"depends on one of [{string.Join(", ", forbidden)}]"));
    }

    /// <summary>Rule 1: domain code reads no clock and makes no GUIDs; time and ids are passed in.</summary>
    public static ArchResult DomainReadsNoClock(Selection domain) =>
        ArchResult.Combine(
            "Domain reads no clock and makes no GUIDs",
            ArchCheck.Types("clock types", domain, s => s.ShouldNot().HaveDependencyOnAny("System.TimeProvider", "System.Diagnostics.Stopwatch"),
                because: "uses System.TimeProvider or System.Diagnostics.Stopwatch"),
            ArchCheck.Types("clock and id members", domain, new NoClockOrIdReads()));

    // ---- Rule 2 and layering -------------------------------------------------------------------------------------

    /// <summary>Rule 2: application code does not depend on Infrastructure, Endpoints, ASP.NET, SQLite, event-store adapters or Fintoc.</summary>
    public static ArchResult ApplicationIsIndependentOfInfrastructure(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string[] forbidden =
        [
            .. layout.LayerNamespaces("Infrastructure", "Endpoints"),
            "Microsoft.AspNetCore", "Microsoft.Data.Sqlite", layout.EventStoreAdaptersRoot, layout.FintocRoot,
        ];
        return ArchCheck.Types(
            "Application does not depend on Infrastructure, ASP.NET, SQLite, adapters or Fintoc",
            layout.ModuleLayer("Application"),
            s => s.ShouldNot().HaveDependencyOnAny(forbidden),
            because: $"depends on one of [{string.Join(", ", forbidden)}]");
    }

    /// <summary>Layering inside a module: Domain uses no Application/Infrastructure/Endpoints; Application uses no Endpoints.</summary>
    public static ArchResult LayersPointInwards(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var outsideDomain = layout.LayerNamespaces("Application", "Infrastructure", "Endpoints");
        var endpoints = layout.LayerNamespaces("Endpoints");
        return ArchResult.Combine(
            "Layers inside a module point inwards (Domain <- Application <- Infrastructure/Endpoints)",
            ArchCheck.Types("Domain", layout.ModuleLayer("Domain"), s => s.ShouldNot().HaveDependencyOnAny(outsideDomain),
                because: $"Domain depends on one of [{string.Join(", ", outsideDomain)}]"),
            ArchCheck.Types("Application", layout.ModuleLayer("Application"), s => s.ShouldNot().HaveDependencyOnAny(endpoints),
                because: $"Application depends on one of [{string.Join(", ", endpoints)}]"));
    }

    // ---- Rule 3 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 3: a module uses another module only through that module's Contracts (types and assembly references).</summary>
    public static ArchResult ModulesMeetOnlyThroughContracts(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var types = layout.Modules.Select(module =>
        {
            // The other modules' types outside their Contracts, by full name: a namespace prefix would take in their Contracts too.
            var internals = layout.Assemblies.SelectMany(a => a.GetTypes())
                .Where(t => !t.IsNested && !t.Name.StartsWith('<'))
                .Where(t => ModuleName(layout, t.Namespace) is { } owner && owner != module && layout.LayerOf(t.Namespace) != "Contracts")
                .Select(t => t.FullName!)
                .ToArray();
            return ArchCheck.Types($"module {module}", layout.Module(module), s => s.ShouldNot().HaveDependencyOnAny(internals),
                because: "uses another module's types outside its Contracts");
        });
        List<ArchResult> parts = [ArchResult.AcrossModules("types", types)];

        if (layout.SeparateAssemblies)
        {
            parts.Add(ArchCheck.AssemblyReferences(
                "module assemblies",
                $"assemblies {layout.ModuleRoot}.*",
                layout.Assemblies.Where(a => ModuleName(layout, a.GetName().Name) is not null),
                (assembly, reference) => ModuleName(layout, reference.Name) is { } target &&
                                         target != ModuleName(layout, assembly.GetName().Name) &&
                                         layout.LayerOf(reference.Name) != "Contracts"));
        }

        return ArchResult.Combine("A module depends on another module only through its Contracts", [.. parts]);
    }

    /// <summary>The module of a namespace or assembly name, checked or not.</summary>
    private static string? ModuleName(Layout layout, string? dotted) =>
        dotted is not null && dotted.StartsWith(layout.ModuleRoot + ".", StringComparison.Ordinal)
            ? dotted[(layout.ModuleRoot.Length + 1)..].Split('.')[0]
            : null;

    // ---- Rule 4 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 4: outside module Infrastructure (and the host), no module type touches the Fintoc layer.</summary>
    public static ArchResult FintocOnlyInInfrastructure(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var outsideInfrastructure = layout.Where(
            $"module types outside {layout.ModuleRoot}.*.Infrastructure",
            ns => layout.ModuleOf(ns) is not null && layout.LayerOf(ns) != "Infrastructure");
        return ArchCheck.Types("Only module Infrastructure and the host reference Fintoc", outsideInfrastructure,
            s => s.ShouldNot().HaveDependencyOn(layout.FintocRoot), because: $"depends on {layout.FintocRoot}");
    }

    /// <summary>Rule 4, for the shared projects (BuildingBlocks, event-store adapters...): no Fintoc types, no Fintoc assembly references.</summary>
    public static ArchResult SharedCodeDoesNotReferenceFintoc(Layout layout, Selection shared, IReadOnlyList<Assembly>? sharedAssemblies)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var types = ArchCheck.Types("types", shared, s => s.ShouldNot().HaveDependencyOn(layout.FintocRoot), because: $"depends on {layout.FintocRoot}");
        return sharedAssemblies is null
            ? types with { Rule = "Shared code does not reference Fintoc" }
            : ArchResult.Combine(
                "Shared code does not reference Fintoc",
                types,
                ArchCheck.AssemblyReferences("assemblies", "shared assemblies", sharedAssemblies,
                    (_, reference) => Layout.IsUnder(reference.Name, layout.FintocRoot)));
    }

    // ---- Rule 5 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 5: Contracts reference only the BCL (and their own Contracts namespace).</summary>
    public static ArchResult ContractsReferenceOnlyTheBcl(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var types = layout.Modules.Select(module =>
        {
            var own = $"{layout.ModuleRoot}.{module}.Contracts";
            return ArchCheck.Types(own, layout.ModuleLayer(module, "Contracts"), s => s.Should().OnlyHaveDependenciesOn("System", own),
                because: $"depends on something outside [System, {own}]");
        });
        List<ArchResult> parts = [ArchResult.AcrossModules("types", types)];

        if (layout.SeparateAssemblies)
        {
            parts.Add(ArchCheck.AssemblyReferences(
                "assemblies",
                $"assemblies {layout.ModuleRoot}.*.Contracts",
                layout.Assemblies.Where(a => layout.LayerOf(a.GetName().Name) == "Contracts"),
                (_, reference) => !(Layout.IsUnder(reference.Name, "System") || reference.Name is "netstandard" or "mscorlib")));
        }

        return ArchResult.Combine("Contracts reference only the BCL", [.. parts]);
    }

    /// <summary>Rule 5: every public Contracts type is a sealed record whose public properties are get/init-only primitives.</summary>
    public static ArchResult ContractsAreSealedRecordsOfPrimitives(Layout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var contracts = layout.ModuleLayer("Contracts").That("public", p => p.ArePublic());
        return ArchResult.Combine(
            "Contracts are sealed immutable records of primitives",
            ArchCheck.Types("sealed", contracts.That("classes", p => p.AreClasses()), s => s.Should().BeSealed(), because: "is not sealed"),
            ArchCheck.Types("shape", contracts, new ContractShape()));
    }

    // ---- Rule 6 --------------------------------------------------------------------------------------------------

    public static Selection Commands(Selection scope) => scope.That("commands", p => p.MeetCustomRule(new ImplementsAny(CommandInterface)));

    public static Selection Queries(Selection scope) => scope.That("queries", p => p.MeetCustomRule(new ImplementsAny(QueryInterface)));

    public static Selection Handlers(Selection scope) => scope.That("handlers", p => p.MeetCustomRule(new ImplementsAny(HandlerInterface)));

    public static Selection DomainEvents(Selection scope) => scope.That("domain events", p => p.MeetCustomRule(new ImplementsAny(DomainEventInterface)));

    /// <summary>Rule 6: commands end in Command, queries in Query, handlers in Handler; handlers are internal and sealed.</summary>
    public static ArchResult CqrsNaming(Selection scope)
    {
        var handlers = Handlers(scope);
        return ArchResult.Combine(
            "Commands, queries and handlers are named and sealed by convention",
            ArchCheck.Types("commands", Commands(scope), s => s.Should().HaveNameEndingWith("Command", StringComparison.Ordinal),
                because: "command name does not end in 'Command'"),
            ArchCheck.Types("queries", Queries(scope), s => s.Should().HaveNameEndingWith("Query", StringComparison.Ordinal),
                because: "query name does not end in 'Query'"),
            ArchCheck.Types("handler names", handlers, s => s.Should().HaveNameEndingWith("Handler", StringComparison.Ordinal),
                because: "handler name does not end in 'Handler'"),
            ArchCheck.Types("internal handlers", handlers, s => s.Should().NotBePublic(), because: "handler is public (make it internal)"),
            ArchCheck.Types("sealed handlers", handlers, s => s.Should().BeSealed(), because: "handler is not sealed"));
    }

    /// <summary>Rule 6: each command and query in <paramref name="scope"/> has exactly one handler in <paramref name="handlerScope"/>.</summary>
    public static ArchResult EachRequestHasOneHandler(Selection scope, Selection handlerScope)
    {
        var handlersByRequest = Handlers(handlerScope).Build().GetTypes()
            .SelectMany(handler => handler.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                .Select(i => i.GetGenericArguments()[0])
                .Where(request => !request.IsGenericParameter)
                .Select(request => (Request: request.FullName!, Handler: handler.FullName!)))
            .ToLookup(x => x.Request, x => x.Handler, StringComparer.Ordinal);
        var requests = scope.That("commands and queries", p => p.MeetCustomRule(new ImplementsAny(CommandInterface, QueryInterface)));
        return ArchCheck.Types("Each command and query has exactly one handler", requests, new ExactlyOneHandler(handlersByRequest));
    }

    // ---- Rule 7 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 7: events, commands and queries have no public non-init setters and no mutable public fields.</summary>
    public static ArchResult MessagesAreImmutable(Selection scope)
    {
        var messages = scope.That("events, commands and queries",
            p => p.MeetCustomRule(new ImplementsAny(DomainEventInterface, CommandInterface, QueryInterface)));
        return ArchCheck.Types("Events, commands and queries are immutable", messages, new ImmutableMessage());
    }

    /// <summary>Rule 7: every domain event carries [EventType("...")] with a name no other event uses.</summary>
    public static ArchResult EventsHaveUniqueNames(Selection scope)
    {
        var events = DomainEvents(scope);
        var byName = events.Build().GetTypes()
            .Select(t => (Name: t.GetCustomAttribute<EventTypeAttribute>()?.Name, Type: t.FullName!))
            .Where(x => !string.IsNullOrWhiteSpace(x.Name))
            .ToLookup(x => x.Name!, x => x.Type, StringComparer.Ordinal);
        return ArchCheck.Types("Every domain event has a unique [EventType] name", events, new UniqueEventName(byName));
    }

    // ---- Rule 8 --------------------------------------------------------------------------------------------------

    /// <summary>Rule 8, strict form for Domain, Application and Contracts: no float/double anywhere in signatures, fields or locals.</summary>
    public static ArchResult NoFloatingPoint(Selection selection) =>
        ArchCheck.Types("No float/double in Domain, Application or Contracts", selection, Custom.NoFloatingPoint.Strict());

    /// <summary>Rule 8, elsewhere: no float/double field, property, parameter or local whose name speaks of money.</summary>
    public static ArchResult NoFloatingPointMoney(Selection selection) =>
        ArchCheck.Types("No float/double for money", selection, Custom.NoFloatingPoint.MoneyNamed());
}
