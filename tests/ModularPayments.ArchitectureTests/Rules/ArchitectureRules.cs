using Mono.Cecil;
using Mono.Cecil.Cil;
using ModularPayments.ArchitectureTests.Engine;

namespace ModularPayments.ArchitectureTests.Rules;

/// <summary>
/// The rules of docs/architecture.md ("Architecture rules"), each a function of the model, the conventions and
/// a selection, so the product tests and the engine's fixture tests run the same code.
/// Offences in dependency rules are the referenced type's full name, or <c>Type::Member</c> for member bans.
/// </summary>
public static class ArchitectureRules
{
    private static NamespacePattern Under(string glob) => NamespacePattern.Under(glob);

    /// <summary>The part of the BCL domain code may use. Stopwatch (in System.Diagnostics) is banned by <see cref="DomainReadsNoClock"/>.</summary>
    public static IReadOnlyList<NamespacePattern> DomainBcl { get; } =
    [
        NamespacePattern.Exactly("System"),
        Under("System.Collections*"),
        Under("System.Linq"),
        Under("System.Text"),
        Under("System.Globalization"),
        Under("System.Runtime*"),
        Under("System.Diagnostics.CodeAnalysis"),
        NamespacePattern.Exactly("System.Diagnostics"), // compiler-emitted [DebuggerBrowsable]/[DebuggerHidden]
        NamespacePattern.Exactly("System.CodeDom.Compiler"), // [GeneratedCode] on source-generated members ([GeneratedRegex])
    ];

    /// <summary>Named explicitly so the intent survives a loosening of <see cref="DomainBcl"/>; these win over the allow-list.</summary>
    public static IReadOnlyList<NamespacePattern> DomainForbidden(ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        return
        [
            Under("MediatR"), Under("FluentValidation"), Under("Microsoft.AspNetCore"), Under("Microsoft.Extensions"),
            Under("Microsoft.Data.Sqlite"), Under("Google.Protobuf"), Under("System.Net"), Under("System.Text.Json"),
            Under(conventions.FintocRoot), Under(conventions.EventStoreAdaptersRoot),
        ];
    }

    /// <summary>Members that read a clock or make an id; a bare type name bans every member of the type.</summary>
    public static IReadOnlyList<string> ClockAndIdMembers { get; } =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow",
        "System.Guid::NewGuid", "System.Guid::CreateVersion7",
        "System.Environment::get_TickCount", "System.Environment::get_TickCount64",
        "System.TimeProvider",
        "System.Diagnostics.Stopwatch",
    ];

    /// <summary>Rule 1: domain code depends only on the BCL subset, BuildingBlocks.Domain and its own Domain namespace.</summary>
    public static RuleResult DomainIsPure(ArchModel model, ArchitectureConventions conventions, TypeSelection domain)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var forbidden = DomainForbidden(conventions);
        var buildingBlocksDomain = Under(conventions.BuildingBlocksRoot + ".Domain");
        return Rule.Dependencies("Domain depends only on the BCL and BuildingBlocks.Domain", model, domain, (type, dependency) =>
        {
            var ns = dependency.TargetNamespace;
            if (forbidden.Any(p => p.Matches(ns)))
            {
                return dependency.TargetType;
            }

            var ownDomain = Names.PrefixThrough(type.Namespace, "Domain");
            var allowed = DomainBcl.Any(p => p.Matches(ns)) || buildingBlocksDomain.Matches(ns) ||
                          (ownDomain is not null && Names.IsSameOrUnder(ns, ownDomain));
            return allowed ? null : dependency.TargetType;
        });
    }

    /// <summary>Rule 1: domain code reads no clock and makes no GUIDs; time and ids are passed in.</summary>
    public static RuleResult DomainReadsNoClock(ArchModel model, TypeSelection domain) =>
        Rule.Dependencies("Domain reads no clock and makes no GUIDs", model, domain, (_, dependency) =>
        {
            if (ClockAndIdMembers.Contains(dependency.TargetType))
            {
                return dependency.TargetType;
            }

            return dependency.Member is not null && ClockAndIdMembers.Contains(dependency.Display) ? dependency.Display : null;
        });

    /// <summary>Rule 2: application code does not depend on Infrastructure, Endpoints, ASP.NET, SQLite, event-store adapters or Fintoc.</summary>
    public static RuleResult ApplicationIsIndependentOfInfrastructure(ArchModel model, ArchitectureConventions conventions, TypeSelection application)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        NamespacePattern[] forbidden =
        [
            conventions.AnyModuleLayer("Infrastructure"), conventions.AnyModuleLayer("Endpoints"),
            Under("Microsoft.AspNetCore"), Under("Microsoft.Data.Sqlite"),
            Under(conventions.EventStoreAdaptersRoot), Under(conventions.FintocRoot),
        ];
        AssemblyPattern[] forbiddenAssemblies =
        [
            conventions.FintocAssemblies, conventions.EventStoreAdapterAssemblies,
            new("Microsoft.AspNetCore*"), new("Microsoft.Data.Sqlite*"),
        ];
        return Rule.Dependencies("Application does not depend on Infrastructure, ASP.NET, SQLite, adapters or Fintoc", model, application,
            (_, d) => forbidden.Any(p => p.Matches(d.TargetNamespace)) || forbiddenAssemblies.Any(p => p.Matches(d.TargetAssembly))
                ? d.TargetType
                : null);
    }

    /// <summary>Layering inside a module: Domain uses no Application/Infrastructure/Endpoints; Application uses no Endpoints.</summary>
    public static RuleResult LayersPointInwards(ArchModel model, ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        NamespacePattern[] outsideDomain =
        [
            conventions.AnyModuleLayer("Application"), conventions.AnyModuleLayer("Infrastructure"), conventions.AnyModuleLayer("Endpoints"),
        ];
        var domain = Rule.Dependencies("Domain", model, conventions.ModuleDomain,
            (_, d) => outsideDomain.Any(p => p.Matches(d.TargetNamespace)) ? d.TargetType : null);
        var endpoints = conventions.AnyModuleLayer("Endpoints");
        var application = Rule.Dependencies("Application", model, conventions.ModuleApplication,
            (_, d) => endpoints.Matches(d.TargetNamespace) ? d.TargetType : null);
        return RuleResult.Combine("Layers inside a module point inwards (Domain <- Application <- Infrastructure/Endpoints)", domain, application);
    }

    /// <summary>Rule 3: a module uses another module only through that module's Contracts (types and assembly references).</summary>
    public static RuleResult ModulesMeetOnlyThroughContracts(ArchModel model, ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var root = conventions.ModuleRoot;
        var types = Rule.Dependencies("types", model, conventions.ModuleTypes, (type, d) =>
        {
            var source = ModulePart.Parse(type.Namespace, root) ?? ModulePart.Parse(type.AssemblyName, root);
            var target = ModulePart.Parse(d.TargetNamespace, root) ?? ModulePart.Parse(d.TargetAssembly, root);
            return source is not null && target is not null && target.Module != source.Module && !target.IsContracts
                ? d.TargetType
                : null;
        });
        var assemblies = Rule.AssemblyReferences("assemblies", model, conventions.ModuleAssemblies, (assembly, reference) =>
        {
            var source = ModulePart.Parse(assembly.Name.Name, root);
            var target = ModulePart.Parse(reference.Name, root);
            return source is not null && target is not null && target.Module != source.Module && !target.IsContracts
                ? "assembly " + reference.Name
                : null;
        });
        return RuleResult.Combine("A module depends on another module only through its Contracts", types, assemblies);
    }

    /// <summary>Rule 4: outside module Infrastructure (and the host), no module type touches the Fintoc layer.</summary>
    public static RuleResult FintocOnlyInInfrastructure(ArchModel model, ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var selection = conventions.ModuleTypes.Except(TypeSelection.WithNamespaceSegment("Infrastructure"));
        return Rule.Dependencies("Only module Infrastructure and the host reference Fintoc", model, selection,
            (_, d) => IsFintoc(conventions, d) ? d.TargetType : null);
    }

    /// <summary>Rule 4, for the shared projects (BuildingBlocks, event-store adapters...): no Fintoc types, no Fintoc assembly references.</summary>
    public static RuleResult SharedCodeDoesNotReferenceFintoc(ArchModel model, ArchitectureConventions conventions, TypeSelection shared, AssemblyPattern sharedAssemblies)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var types = Rule.Dependencies("types", model, shared, (_, d) => IsFintoc(conventions, d) ? d.TargetType : null);
        var assemblies = Rule.AssemblyReferences("assemblies", model, sharedAssemblies,
            (_, reference) => conventions.FintocAssemblies.Matches(reference.Name) ? "assembly " + reference.Name : null);
        return RuleResult.Combine("Shared code does not reference Fintoc", types, assemblies);
    }

    private static bool IsFintoc(ArchitectureConventions conventions, Dependency d) =>
        NamespacePattern.Under(conventions.FintocRoot).Matches(d.TargetNamespace) || conventions.FintocAssemblies.Matches(d.TargetAssembly);

    /// <summary>Rule 5: Contracts reference only the BCL (and their own Contracts namespace).</summary>
    public static RuleResult ContractsReferenceOnlyTheBcl(ArchModel model, ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var bcl = Under("System");
        var types = Rule.Dependencies("types", model, conventions.ModuleContracts, (type, d) =>
        {
            var own = Names.PrefixThrough(type.Namespace, "Contracts");
            return bcl.Matches(d.TargetNamespace) || (own is not null && Names.IsSameOrUnder(d.TargetNamespace, own)) ? null : d.TargetType;
        });
        var assemblies = Rule.AssemblyReferences("assemblies", model, conventions.ContractsAssemblies, (_, reference) =>
            reference.Name.StartsWith("System", StringComparison.Ordinal) || reference.Name is "netstandard" or "mscorlib"
                ? null
                : "assembly " + reference.Name);
        return RuleResult.Combine("Contracts reference only the BCL", types, assemblies);
    }

    /// <summary>Rule 5: every public Contracts type is a sealed record whose public properties are get/init-only primitives.</summary>
    public static RuleResult ContractsAreSealedRecordsOfPrimitives(ArchModel model, ArchitectureConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var selection = conventions.ModuleContracts.And(TypeSelection.Where("public", t => t.IsVisibleOutsideAssembly && !t.IsCompilerGenerated));
        return Rule.Types("Contracts are sealed immutable records of primitives", model, selection, ContractShape);
    }

    private static IEnumerable<(string, string)> ContractShape(ArchType type)
    {
        var definition = type.Definition;
        var where = definition.Name;
        if (definition.IsInterface || definition.IsValueType || !CecilTypes.IsRecord(definition))
        {
            yield return ($"{definition.Name} is not a record class", where);
        }

        if (!definition.IsSealed)
        {
            yield return ($"{definition.Name} is not sealed", where);
        }

        foreach (var property in definition.Properties.Where(p => p.GetMethod is { IsPublic: true, IsStatic: false }))
        {
            if (property.SetMethod is { } setter && !CecilTypes.IsInitOnly(setter))
            {
                yield return ($"property {property.Name} has a setter", where);
            }

            if (!CecilTypes.IsContractPrimitive(property.PropertyType))
            {
                yield return ($"property {property.Name} is {property.PropertyType.FullName}, not a contract primitive", where);
            }
        }

        foreach (var field in definition.Fields.Where(f => f is { IsPublic: true, IsStatic: false, IsSpecialName: false }))
        {
            yield return ($"public field {field.Name}", where);
        }
    }

    /// <summary>Rule 6: commands end in Command, queries in Query, handlers in Handler; handlers are internal and sealed.</summary>
    public static RuleResult CqrsNaming(ArchModel model, TypeSelection scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var selection = scope.And(TypeSelection.Where("commands, queries and handlers",
            t => CecilTypes.IsCommand(t) || CecilTypes.IsQuery(t) || CecilTypes.IsHandler(t)));
        return Rule.Types("Commands, queries and handlers are named and sealed by convention", model, selection, type =>
        {
            var definition = type.Definition;
            var problems = new List<(string, string)>();
            if (CecilTypes.IsCommand(type) && !definition.Name.EndsWith("Command", StringComparison.Ordinal))
            {
                problems.Add(("command name does not end in 'Command'", definition.Name));
            }

            if (CecilTypes.IsQuery(type) && !definition.Name.EndsWith("Query", StringComparison.Ordinal))
            {
                problems.Add(("query name does not end in 'Query'", definition.Name));
            }

            if (CecilTypes.IsHandler(type))
            {
                if (!definition.Name.EndsWith("Handler", StringComparison.Ordinal))
                {
                    problems.Add(("handler name does not end in 'Handler'", definition.Name));
                }

                if (definition.IsPublic || definition.IsNestedPublic)
                {
                    problems.Add(("handler is public (make it internal)", definition.Name));
                }

                if (!definition.IsSealed)
                {
                    problems.Add(("handler is not sealed", definition.Name));
                }
            }

            return problems;
        });
    }

    /// <summary>Rule 6: each command and query has exactly one handler (handlers looked for in <paramref name="handlerScope"/>).</summary>
    public static RuleResult EachRequestHasOneHandler(ArchModel model, TypeSelection scope, TypeSelection handlerScope)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(handlerScope);
        var handlers = model.Select(handlerScope).Where(CecilTypes.IsHandler)
            .SelectMany(h => CecilTypes.HandledRequests(h.Definition).Select(r => (Request: r, Handler: h.Definition.FullName)))
            .ToLookup(x => x.Request, x => x.Handler, StringComparer.Ordinal);
        var selection = scope.And(TypeSelection.Where("commands and queries", t => CecilTypes.IsCommand(t) || CecilTypes.IsQuery(t)));
        return Rule.Types("Each command and query has exactly one handler", model, selection, type =>
        {
            var found = handlers[type.Definition.FullName].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return found.Count == 1
                ? []
                : [($"{type.Definition.Name} has {found.Count} handlers", found.Count == 0 ? "none found" : string.Join(", ", found))];
        });
    }

    /// <summary>Rule 7: events, commands and queries have no public non-init setters and no mutable public fields.</summary>
    public static RuleResult MessagesAreImmutable(ArchModel model, TypeSelection scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var selection = scope.And(TypeSelection.Where("events, commands and queries",
            t => CecilTypes.IsDomainEvent(t) || CecilTypes.IsCommand(t) || CecilTypes.IsQuery(t)));
        return Rule.Types("Events, commands and queries are immutable", model, selection, type =>
            CecilTypes.SelfAndBases(type.Definition).SelectMany(definition =>
                definition.Properties
                    .Where(p => p.SetMethod is { IsStatic: false } setter && (setter.IsPublic || setter.IsFamily || setter.IsFamilyOrAssembly) && !CecilTypes.IsInitOnly(setter))
                    .Select(p => ($"{type.Definition.Name}.{p.Name} has a public setter", definition.Name))
                    .Concat(definition.Fields
                        .Where(f => f is { IsPublic: true, IsStatic: false, IsInitOnly: false, IsLiteral: false })
                        .Select(f => ($"{type.Definition.Name}.{f.Name} is a mutable public field", definition.Name)))));
    }

    /// <summary>Rule 7: every domain event carries [EventType("...")] with a name no other event uses.</summary>
    public static RuleResult EventsHaveUniqueNames(ArchModel model, TypeSelection scope)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scope);
        var selection = scope.And(TypeSelection.Where("domain events", CecilTypes.IsDomainEvent));
        var byName = model.Select(selection)
            .Select(t => (Name: CecilTypes.EventName(t.Definition), Type: t.Definition.FullName))
            .Where(x => !string.IsNullOrWhiteSpace(x.Name))
            .ToLookup(x => x.Name!, x => x.Type, StringComparer.Ordinal);
        return Rule.Types("Every domain event has a unique [EventType] name", model, selection, type =>
        {
            var name = CecilTypes.EventName(type.Definition);
            if (string.IsNullOrWhiteSpace(name))
            {
                return [($"{type.Definition.Name} has no [EventType(\"...\")] name", type.Definition.Name)];
            }

            var others = byName[name].Where(n => n != type.Definition.FullName).ToList();
            return others.Count == 0 ? [] : [($"event name '{name}' is also used by {string.Join(", ", others)}", type.Definition.Name)];
        });
    }

    /// <summary>Rule 8, strict form for Domain, Application and Contracts: no float/double anywhere in signatures, fields or locals.</summary>
    public static RuleResult NoFloatingPoint(ArchModel model, TypeSelection selection) =>
        FloatingPoint("No float/double in Domain, Application or Contracts", model, selection, _ => true);

    private static bool IsCompilerGenerated(MethodDefinition method) =>
        method.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    private static readonly string[] MoneyWords = ["amount", "money", "price", "total", "fee"];

    /// <summary>Rule 8, elsewhere: no float/double field, property, parameter or local whose name speaks of money.</summary>
    public static RuleResult NoFloatingPointMoney(ArchModel model, TypeSelection selection) =>
        FloatingPoint("No float/double for money", model, selection,
            name => name is not null && MoneyWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private static RuleResult FloatingPoint(string rule, ArchModel model, TypeSelection selection, Func<string?, bool> nameMatters) =>
        Rule.Types(rule, model, selection, type =>
        {
            var definition = type.Definition;
            var found = new List<(string, string)>();
            void Check(TypeReference reference, string? name, string what)
            {
                if (CecilTypes.ContainsFloatingPoint(reference) && nameMatters(name))
                {
                    found.Add(($"{reference.Name} {what}", definition.Name));
                }
            }

            foreach (var field in definition.Fields.Where(f => !f.Name.StartsWith('<')))
            {
                Check(field.FieldType, field.Name, $"field {definition.Name}.{field.Name}");
            }

            foreach (var property in definition.Properties)
            {
                Check(property.PropertyType, property.Name, $"property {definition.Name}.{property.Name}");
            }

            // Property accessors are covered by the property; compiler-generated members (Deconstruct, Equals...) echo the user's.
            foreach (var method in definition.Methods.Where(m => m is { IsGetter: false, IsSetter: false } && !IsCompilerGenerated(m)))
            {
                Check(method.ReturnType, method.Name, $"return of {definition.Name}.{method.Name}");
                foreach (var parameter in method.Parameters)
                {
                    Check(parameter.ParameterType, parameter.Name, $"parameter {parameter.Name} of {definition.Name}.{method.Name}");
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    var name = method.DebugInformation.TryGetName(variable, out var n) ? n : null;
                    Check(variable.VariableType, name, $"local {name ?? "V_" + variable.Index} in {definition.Name}.{method.Name}");
                }
            }

            return found;
        });
}
