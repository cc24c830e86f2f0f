using System.Reflection;
using System.Reflection.Emit;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIdClaims;

namespace ModularPayments.UnitTests.BuildingBlocks;

/// <summary>
/// The negative cases scan assemblies emitted at run time, so no fixture type lives in the test assembly and no
/// other test can trip over it.
/// </summary>
public class EventTypeRegistryTests
{
    private static readonly Assembly CustomersAssembly = typeof(Customer).Assembly;

    [Fact]
    public void Scanning_the_customers_module_registers_every_domain_event()
    {
        var registry = new EventTypeRegistry([CustomersAssembly]);
        var domainEvents = CustomersAssembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();

        Assert.Contains(typeof(CustomerRegistered), domainEvents);
        Assert.Contains(typeof(TaxIdClaimed), domainEvents);
        Assert.Contains(typeof(TaxIdClaimReassigned), domainEvents);
        Assert.Equal(domainEvents.ToHashSet(), registry.Types.ToHashSet());
        foreach (var type in domainEvents)
        {
            var name = registry.NameOf(type);
            Assert.Equal(type.GetCustomAttribute<EventTypeAttribute>()!.Name, name);
            Assert.True(registry.TryGetType(name, out var back));
            Assert.Equal(type, back);
        }
    }

    [Fact]
    public void Stored_names_are_the_ones_already_in_streams()
    {
        var registry = new EventTypeRegistry([CustomersAssembly, CustomersAssembly]);
        Assert.Equal("customers.customer_registered.v1", registry.NameOf(typeof(CustomerRegistered)));
        Assert.Equal("customers.tax_id_claimed.v1", registry.NameOf(typeof(TaxIdClaimed)));
        Assert.Equal("customers.tax_id_claim_reassigned.v1", registry.NameOf(typeof(TaxIdClaimReassigned)));
    }

    [Fact]
    public void Unknown_names_and_types_are_not_found()
    {
        var registry = new EventTypeRegistry([CustomersAssembly]);
        Assert.False(registry.TryGetType("customers.customer_registered.v2", out _));
        Assert.False(registry.TryGetType("CUSTOMERS.CUSTOMER_REGISTERED.V1", out _));
        Assert.Throws<InvalidOperationException>(() => registry.NameOf(typeof(string)));
    }

    [Fact]
    public void A_domain_event_without_a_name_is_a_startup_error()
    {
        var assembly = Emit(("Fixtures.Named", "fixtures.named.v1", false), ("Fixtures.Unnamed", null, false));
        var error = Assert.Throws<InvalidOperationException>(() => new EventTypeRegistry([assembly]));
        Assert.Contains("Fixtures.Unnamed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fixtures.Named ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_name_counts_as_no_name()
    {
        var assembly = Emit(("Fixtures.Blank", "  ", false));
        var error = Assert.Throws<InvalidOperationException>(() => new EventTypeRegistry([assembly]));
        Assert.Contains("Fixtures.Blank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_events_with_one_name_are_a_startup_error_naming_both()
    {
        var assembly = Emit(("Fixtures.First", "fixtures.same.v1", false), ("Fixtures.Second", "fixtures.same.v1", false));
        var error = Assert.Throws<InvalidOperationException>(() => new EventTypeRegistry([assembly]));
        Assert.Contains("fixtures.same.v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fixtures.First", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fixtures.Second", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_taken_in_another_module_is_a_duplicate_too()
    {
        var assembly = Emit(("Fixtures.Impostor", "customers.customer_registered.v1", false));
        var error = Assert.Throws<InvalidOperationException>(() => new EventTypeRegistry([CustomersAssembly, assembly]));
        Assert.Contains("Fixtures.Impostor", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(CustomerRegistered).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abstract_event_types_need_no_name_and_are_not_registered()
    {
        var assembly = Emit(("Fixtures.AbstractBase", null, true), ("Fixtures.Concrete", "fixtures.concrete.v1", false));
        var registry = new EventTypeRegistry([assembly]);
        var type = Assert.Single(registry.Types);
        Assert.Equal("Fixtures.Concrete", type.FullName);
        Assert.Equal("fixtures.concrete.v1", registry.NameOf(type));
    }

    /// <summary>An in-memory assembly of empty classes implementing <see cref="IDomainEvent"/>, named as asked.</summary>
    private static Assembly Emit(params (string TypeName, string? EventName, bool IsAbstract)[] types)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("RegistryFixtures" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Fixtures");
        var attributeConstructor = typeof(EventTypeAttribute).GetConstructor([typeof(string)])!;
        foreach (var (typeName, eventName, isAbstract) in types)
        {
            var attributes = TypeAttributes.Public | TypeAttributes.Class | (isAbstract ? TypeAttributes.Abstract : TypeAttributes.Sealed);
            var type = module.DefineType(typeName, attributes, typeof(object), [typeof(IDomainEvent)]);
            type.DefineDefaultConstructor(MethodAttributes.Public);
            if (eventName is not null)
            {
                type.SetCustomAttribute(new CustomAttributeBuilder(attributeConstructor, [eventName]));
            }

            type.CreateType();
        }

        return assembly;
    }
}
