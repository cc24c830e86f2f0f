using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ModularPayments.ArchitectureTests.Engine;

/// <summary>
/// Every type (and member) a type definition refers to: base type, interfaces, generic constraints, custom
/// attributes (including typeof arguments), fields, properties, events, method signatures, explicit overrides,
/// and method bodies (locals, catch types, and the operands of call/newobj/ldfld/ldtoken/castclass/...).
/// Generic instances, arrays, pointers, by-refs and modifiers are taken apart, so <c>List&lt;Foo[]&gt;</c>
/// yields <c>List`1</c> and <c>Foo</c>. Only the type's own members are visited; nested types are separate
/// <see cref="ArchType"/>s attributed to the same owner.
/// </summary>
public static class DependencyCollector
{
    public static IReadOnlyList<Dependency> Collect(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var sink = new Sink(type);
        var self = type.DeclaringType is null ? string.Empty : $" of nested {type.Name}";

        if (type.BaseType is not null)
        {
            sink.Type(type.BaseType, "base type" + self);
        }

        foreach (var implementation in type.Interfaces)
        {
            sink.Type(implementation.InterfaceType, "interface" + self);
        }

        sink.Attributes(type.CustomAttributes, "attribute" + self);
        sink.GenericParameters(type.GenericParameters, "generic constraint" + self);

        foreach (var field in type.Fields)
        {
            var where = $"field {type.Name}.{field.Name}";
            sink.Type(field.FieldType, where);
            sink.Attributes(field.CustomAttributes, where);
        }

        foreach (var property in type.Properties)
        {
            var where = $"property {type.Name}.{property.Name}";
            sink.Type(property.PropertyType, where);
            sink.Attributes(property.CustomAttributes, where);
        }

        foreach (var @event in type.Events)
        {
            var where = $"event {type.Name}.{@event.Name}";
            sink.Type(@event.EventType, where);
            sink.Attributes(@event.CustomAttributes, where);
        }

        foreach (var method in type.Methods)
        {
            Method(sink, type, method);
        }

        return sink.Result;
    }

    private static void Method(Sink sink, TypeDefinition type, MethodDefinition method)
    {
        var signature = $"signature of {type.Name}.{method.Name}";
        sink.Type(method.ReturnType, signature);
        sink.Attributes(method.CustomAttributes, signature);
        sink.Attributes(method.MethodReturnType.CustomAttributes, signature);
        sink.GenericParameters(method.GenericParameters, signature);
        foreach (var parameter in method.Parameters)
        {
            sink.Type(parameter.ParameterType, signature);
            sink.Attributes(parameter.CustomAttributes, signature);
        }

        foreach (var overridden in method.Overrides)
        {
            sink.Member(overridden, signature);
        }

        if (!method.HasBody)
        {
            return;
        }

        var body = $"body of {type.Name}.{method.Name}";
        foreach (var variable in method.Body.Variables)
        {
            sink.Type(variable.VariableType, body);
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            if (handler.CatchType is not null)
            {
                sink.Type(handler.CatchType, body);
            }
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference typeReference:
                    sink.Type(typeReference, body);
                    break;
                case MemberReference memberReference:
                    sink.Member(memberReference, body);
                    break;
                case CallSite callSite:
                    sink.Type(callSite.ReturnType, body);
                    foreach (var parameter in callSite.Parameters)
                    {
                        sink.Type(parameter.ParameterType, body);
                    }

                    break;
            }
        }
    }

    private sealed class Sink(TypeDefinition source)
    {
        private readonly HashSet<Dependency> _seen = [];
        private readonly List<Dependency> _result = [];
        private readonly string _sourceAssembly = source.Module.Assembly.Name.Name;

        public IReadOnlyList<Dependency> Result => _result;

        public void Type(TypeReference? reference, string where, string? member = null)
        {
            foreach (var part in Decompose(reference))
            {
                var outer = part;
                while (outer.DeclaringType is not null)
                {
                    outer = outer.DeclaringType;
                }

                var assembly = AssemblyOf(part);

                // Compiler-generated helpers in the global namespace of the same assembly (anonymous types,
                // <PrivateImplementationDetails>) belong to whatever code uses them; they are not a dependency.
                if (outer.Namespace.Length == 0 && outer.Name.StartsWith('<') && assembly == _sourceAssembly)
                {
                    continue;
                }

                var dependency = new Dependency(FullName(part), outer.Namespace, assembly, member, where);
                if (_seen.Add(dependency))
                {
                    _result.Add(dependency);
                }
            }
        }

        public void Member(MemberReference reference, string where)
        {
            switch (reference)
            {
                case MethodReference method:
                    Type(method.DeclaringType, where, method.Name);
                    Type(method.ReturnType, where);
                    foreach (var parameter in method.Parameters)
                    {
                        Type(parameter.ParameterType, where);
                    }

                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Type(argument, where);
                        }
                    }

                    break;
                case FieldReference field:
                    Type(field.DeclaringType, where, field.Name);
                    Type(field.FieldType, where);
                    break;
                case TypeReference type:
                    Type(type, where);
                    break;
                default:
                    Type(reference.DeclaringType, where, reference.Name);
                    break;
            }
        }

        public void Attributes(IEnumerable<CustomAttribute> attributes, string where)
        {
            foreach (var attribute in attributes)
            {
                Type(attribute.AttributeType, where);
                foreach (var argument in attribute.ConstructorArguments
                             .Concat(attribute.Fields.Select(f => f.Argument))
                             .Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Argument(argument, where);
                }
            }
        }

        public void GenericParameters(IEnumerable<GenericParameter> parameters, string where)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    Type(constraint.ConstraintType, where);
                }

                Attributes(parameter.CustomAttributes, where);
            }
        }

        private void Argument(CustomAttributeArgument argument, string where)
        {
            switch (argument.Value)
            {
                case TypeReference typeOf:
                    Type(typeOf, where);
                    break;
                case CustomAttributeArgument boxed:
                    Argument(boxed, where);
                    break;
                case CustomAttributeArgument[] array:
                    foreach (var item in array)
                    {
                        Argument(item, where);
                    }

                    break;
            }

            // Enum-typed arguments name the enum here.
            if (argument.Type is { IsPrimitive: false } type && type.FullName != "System.String" && type.FullName != "System.Object")
            {
                Type(type, where);
            }
        }

        private static string AssemblyOf(TypeReference type) => type.Scope switch
        {
            AssemblyNameReference name => name.Name,
            ModuleDefinition module => module.Assembly.Name.Name,
            ModuleReference module => module.Name,
            _ => string.Empty,
        };

        private static string FullName(TypeReference type) => type.FullName.Replace('/', '+');
    }

    /// <summary>The named types inside a type reference (generic arguments, element types, modifiers, function pointer signatures).</summary>
    public static IEnumerable<TypeReference> Decompose(TypeReference? reference)
    {
        switch (reference)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Decompose(generic.ElementType))
                {
                    yield return part;
                }

                foreach (var argument in generic.GenericArguments)
                {
                    foreach (var part in Decompose(argument))
                    {
                        yield return part;
                    }
                }

                break;
            case RequiredModifierType required:
                foreach (var part in Decompose(required.ModifierType).Concat(Decompose(required.ElementType)))
                {
                    yield return part;
                }

                break;
            case OptionalModifierType optional:
                foreach (var part in Decompose(optional.ModifierType).Concat(Decompose(optional.ElementType)))
                {
                    yield return part;
                }

                break;
            case FunctionPointerType pointer:
                foreach (var part in Decompose(pointer.ReturnType).Concat(pointer.Parameters.SelectMany(p => Decompose(p.ParameterType))))
                {
                    yield return part;
                }

                break;
            case TypeSpecification specification:
                foreach (var part in Decompose(specification.ElementType))
                {
                    yield return part;
                }

                break;
            default:
                yield return reference;
                break;
        }
    }
}
