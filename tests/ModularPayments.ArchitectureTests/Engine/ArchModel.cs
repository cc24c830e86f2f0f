using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>
/// The assemblies under test read with Mono.Cecil (with their portable PDBs when present, for local names),
/// and every type they define, nested and compiler-generated ones included.
/// </summary>
public sealed class ArchModel : IDisposable
{
    private readonly DefaultAssemblyResolver _resolver;

    private ArchModel(DefaultAssemblyResolver resolver, IReadOnlyList<AssemblyDefinition> assemblies)
    {
        _resolver = resolver;
        Assemblies = assemblies;
        Types = assemblies
            .SelectMany(a => a.Modules)
            .SelectMany(m => m.Types)
            .SelectMany(Flatten)
            .Where(t => t.Name != "<Module>" && !IsEmbeddedByCompiler(t))
            .Select(t => new ArchType(t))
            .ToList();
    }

    public IReadOnlyList<AssemblyDefinition> Assemblies { get; }

    public IReadOnlyList<ArchType> Types { get; }

    public static ArchModel Load(IEnumerable<string> assemblyPaths)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        var paths = assemblyPaths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var resolver = new DefaultAssemblyResolver();
        foreach (var directory in paths.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            resolver.AddSearchDirectory(directory);
        }

        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location));

        var assemblies = new List<AssemblyDefinition>();
        foreach (var path in paths)
        {
            var withSymbols = File.Exists(Path.ChangeExtension(path, ".pdb"));
            var parameters = new ReaderParameters
            {
                AssemblyResolver = resolver,
                ReadSymbols = withSymbols,
                SymbolReaderProvider = withSymbols ? new PortablePdbReaderProvider() : null,
                ThrowIfSymbolsAreNotMatching = false,
            };
            assemblies.Add(AssemblyDefinition.ReadAssembly(path, parameters));
        }

        return new ArchModel(resolver, assemblies);
    }

    public IEnumerable<ArchType> Select(TypeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Types.Where(selection.Matches);
    }

    public void Dispose()
    {
        foreach (var assembly in Assemblies)
        {
            assembly.Dispose();
        }

        _resolver.Dispose();
    }

    /// <summary>Attributes the compiler embeds (NullableAttribute, EmbeddedAttribute, ...) are nobody's code.</summary>
    private static bool IsEmbeddedByCompiler(TypeDefinition type) =>
        type.FullName == "Microsoft.CodeAnalysis.EmbeddedAttribute" ||
        type.CustomAttributes.Any(a => a.AttributeType.FullName == "Microsoft.CodeAnalysis.EmbeddedAttribute");

    private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(Flatten));
}

/// <summary>
/// One type definition. Nested and compiler-generated types (closures, async state machines, local functions)
/// are attributed to their outermost declaring type: <see cref="Namespace"/> and <see cref="OwnerName"/> are its.
/// </summary>
public sealed class ArchType
{
    private readonly Lazy<IReadOnlyList<Dependency>> _dependencies;

    public ArchType(TypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        var owner = definition;
        while (owner.DeclaringType is not null)
        {
            owner = owner.DeclaringType;
        }

        Owner = owner;
        Namespace = owner.Namespace;
        AssemblyName = definition.Module.Assembly.Name.Name;
        _dependencies = new Lazy<IReadOnlyList<Dependency>>(() => DependencyCollector.Collect(definition));
    }

    public TypeDefinition Definition { get; }

    public TypeDefinition Owner { get; }

    public string Namespace { get; }

    public string AssemblyName { get; }

    /// <summary>The outermost declaring type's full name, as offenders are reported.</summary>
    public string OwnerName => Owner.FullName;

    public bool IsNested => Definition.DeclaringType is not null;

    /// <summary>Compiler-generated (its name or an enclosing type's name starts with '&lt;', or it carries [CompilerGenerated]).</summary>
    public bool IsCompilerGenerated
    {
        get
        {
            for (var type = Definition; type is not null; type = type.DeclaringType)
            {
                if (type.Name.StartsWith('<') ||
                    type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute"))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Public as seen from outside the assembly (public, and every declaring type public too).</summary>
    public bool IsVisibleOutsideAssembly
    {
        get
        {
            for (var type = Definition; type is not null; type = type.DeclaringType)
            {
                if (!(type.IsPublic || type.IsNestedPublic))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public IReadOnlyList<Dependency> Dependencies => _dependencies.Value;

    public override string ToString() => Definition.FullName;
}

/// <summary>
/// One thing a type refers to: a type (namespace, assembly) and, for member references in bodies and
/// signatures, the member's name. <see cref="Where"/> says where the reference was found.
/// </summary>
public sealed record Dependency(string TargetType, string TargetNamespace, string TargetAssembly, string? Member, string Where)
{
    /// <summary>"System.DateTime::get_UtcNow" for members, the type's full name otherwise.</summary>
    public string Display => Member is null ? TargetType : $"{TargetType}::{Member}";
}
