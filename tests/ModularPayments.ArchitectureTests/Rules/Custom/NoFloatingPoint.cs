using Mono.Cecil;
using System.Runtime.CompilerServices;
using Mono.Cecil.Cil;

namespace ModularPayments.ArchitectureTests.Rules.Custom;

/// <summary>
/// Rule 8: no float/double in the type's fields, properties, method signatures and locals (lambdas and state machines
/// included). <see cref="Strict"/> bans every one; <see cref="MoneyNamed"/> only those whose name speaks of money.
/// </summary>
public sealed class NoFloatingPoint : ExplainedRule
{
    private static readonly string[] MoneyWords = ["amount", "money", "price", "total", "fee"];

    private readonly Func<string?, bool> _nameMatters;

    private NoFloatingPoint(Func<string?, bool> nameMatters) => _nameMatters = nameMatters;

    public static NoFloatingPoint Strict() => new(_ => true);

    public static NoFloatingPoint MoneyNamed() =>
        new(name => name is not null && MoneyWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)));

    protected override IEnumerable<string> Offences(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var definition in Cecil.WithGeneratedNested(type))
        {
            foreach (var offence in Members(definition))
            {
                yield return offence;
            }
        }
    }

    private IEnumerable<string> Members(TypeDefinition type)
    {
        var found = new List<string>();
        void Check(TypeReference reference, string? name, string what)
        {
            if (Cecil.ContainsFloatingPoint(reference) && _nameMatters(name))
            {
                found.Add($"{reference.Name} {what}");
            }
        }

        // Backing fields ('<Amount>k__BackingField') are reported through their property.
        foreach (var field in type.Fields.Where(f => !f.Name.StartsWith('<')))
        {
            Check(field.FieldType, field.Name, $"field {type.Name}.{field.Name}");
        }

        foreach (var property in type.Properties)
        {
            Check(property.PropertyType, property.Name, $"property {type.Name}.{property.Name}");
        }

        // Accessors are covered by their property; compiler-generated members (Deconstruct, Equals...) echo the user's.
        foreach (var method in type.Methods.Where(m => m is { IsGetter: false, IsSetter: false } && !Cecil.IsCompilerGenerated(m)))
        {
            Check(method.ReturnType, method.Name, $"return of {type.Name}.{method.Name}");
            foreach (var parameter in method.Parameters)
            {
                Check(parameter.ParameterType, parameter.Name, $"parameter {parameter.Name} of {type.Name}.{method.Name}");
            }

            if (!method.HasBody)
            {
                continue;
            }

            var debug = Symbols(type.Module)?.Read(method);
            foreach (var variable in method.Body.Variables)
            {
                var name = debug is not null && debug.TryGetName(variable, out var n) ? n : null;
                Check(variable.VariableType, name, $"local {name ?? "V_" + variable.Index} in {type.Name}.{method.Name}");
            }
        }

        return found;
    }

    private static readonly ConditionalWeakTable<ModuleDefinition, ISymbolReader?> SymbolReaders = [];

    /// <summary>NetArchTest reads assemblies without their PDBs; local names (for money-named locals) live there.</summary>
    private static ISymbolReader? Symbols(ModuleDefinition module) => SymbolReaders.GetValue(module, m =>
    {
        try
        {
            return File.Exists(Path.ChangeExtension(m.FileName, ".pdb")) ? new PortablePdbReaderProvider().GetSymbolReader(m, m.FileName) : null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or BadImageFormatException or SymbolsNotMatchingException)
        {
            return null; // Without symbols locals are unnamed: the strict rule still sees them, the money-named one cannot.
        }
    });
}
