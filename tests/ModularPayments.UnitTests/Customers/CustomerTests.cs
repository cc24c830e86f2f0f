using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.Customers;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.UnitTests.Customers;

public class CustomerTests
{
    private static readonly Guid Id = new("0b7c3f7e-7a0e-4a3a-9d55-3f2f1c0e9a11");
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(-3));

    private static Dictionary<string, string> Meta(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Register_emits_exactly_one_event_with_normalised_values()
    {
        var customer = new Customer();
        var metadata = Meta(("plan", "gold"));
        customer.Register(Id, "  Ana Pérez  ", EmailAddress.Create(" Ana@Example.COM "), TaxId.Create("cl_rut", "12.345.678-5"), metadata, At);

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(customer.Changes));
        Assert.Equal(Id, registered.CustomerId);
        Assert.Equal("Ana Pérez", registered.Name);
        Assert.Equal("ana@example.com", registered.Email);
        Assert.Equal("cl_rut", registered.TaxIdType);
        Assert.Equal("123456785", registered.TaxIdValue);
        Assert.Equal("gold", registered.Metadata["plan"]);
        Assert.Equal(At, registered.RegisteredAt);

        Assert.True(customer.State.IsRegistered);
        Assert.Equal(Id, customer.State.Id);
        Assert.Equal("123456785", customer.State.TaxIdValue);
        Assert.True(customer.IsNew);
    }

    [Fact]
    public void The_event_keeps_its_own_copy_of_the_metadata()
    {
        var customer = new Customer();
        var metadata = Meta(("plan", "gold"));
        customer.Register(Id, null, EmailAddress.Create("a@b.cl"), null, metadata, At);
        metadata["plan"] = "changed";
        metadata["extra"] = "x";

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(customer.Changes));
        Assert.Equal("gold", registered.Metadata["plan"]);
        Assert.Single(registered.Metadata);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_stored_as_no_name(string? name)
    {
        var customer = new Customer();
        customer.Register(Id, name, null, TaxId.Create("mx_rfc", "GODE561231GR8"), Meta(), At);
        Assert.Null(Assert.IsType<CustomerRegistered>(Assert.Single(customer.Changes)).Name);
        Assert.Null(Assert.IsType<CustomerRegistered>(Assert.Single(customer.Changes)).Email);
    }

    [Fact]
    public void Registering_twice_is_refused_and_adds_nothing()
    {
        var customer = new Customer();
        customer.Register(Id, "Ana", EmailAddress.Create("a@b.cl"), null, Meta(), At);
        var violation = Assert.Throws<DomainRuleViolation>(() => customer.Register(Guid.NewGuid(), "Bea", EmailAddress.Create("b@b.cl"), null, Meta(), At));
        Assert.Equal("customer_already_registered", violation.Code);
        Assert.Single(customer.Changes);
        Assert.Equal("Ana", customer.State.Name);
    }

    [Fact]
    public void Neither_email_nor_tax_id_is_refused_on_the_email_field()
    {
        var customer = new Customer();
        var violation = Assert.Throws<DomainRuleViolation>(() => customer.Register(Id, "Ana", null, null, Meta(), At));
        Assert.Equal("email_or_tax_id_required", violation.Code);
        Assert.Equal("email", violation.Field);
        Assert.Empty(customer.Changes);
    }

    [Fact]
    public void An_empty_customer_id_is_refused()
    {
        var customer = new Customer();
        Assert.Equal("invalid_customer_id", Assert.Throws<DomainRuleViolation>(() => customer.Register(Guid.Empty, "Ana", EmailAddress.Create("a@b.cl"), null, Meta(), At)).Code);
    }

    [Fact]
    public void Names_are_limited_to_200_characters_after_trimming()
    {
        var tooLong = new Customer();
        var violation = Assert.Throws<DomainRuleViolation>(() => tooLong.Register(Id, new string('n', 201), EmailAddress.Create("a@b.cl"), null, Meta(), At));
        Assert.Equal("name", violation.Field);
        Assert.Equal("too_long", violation.Code);
        Assert.Empty(tooLong.Changes);

        var atLimit = new Customer();
        atLimit.Register(Id, "  " + new string('n', 200) + "  ", EmailAddress.Create("a@b.cl"), null, Meta(), At);
        Assert.Equal(200, atLimit.State.Name!.Length);
    }

    [Fact]
    public void IsSameRegistration_compares_normalised_values()
    {
        var customer = Registered();
        Assert.True(customer.IsSameRegistration(" Ana ", EmailAddress.Create("ANA@EXAMPLE.COM"), TaxId.Create("cl_rut", "123456785"), Meta(("b", "2"), ("a", "1"))));
    }

    public static TheoryData<string?, string?, string?, string?, string[]> Differences => new()
    {
        { "Bea", "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1", "b", "2"] },
        { null, "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1", "b", "2"] },
        { "Ana", "ana2@example.com", "cl_rut", "12.345.678-5", ["a", "1", "b", "2"] },
        { "Ana", null, "cl_rut", "12.345.678-5", ["a", "1", "b", "2"] },
        { "Ana", "ana@example.com", "cl_rut", "11.111.111-1", ["a", "1", "b", "2"] },
        { "Ana", "ana@example.com", null, null, ["a", "1", "b", "2"] },
        { "Ana", "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1"] },
        { "Ana", "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1", "b", "3"] },
        { "Ana", "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1", "c", "2"] },
        { "Ana", "ana@example.com", "cl_rut", "12.345.678-5", ["a", "1", "b", "2", "c", "3"] },
        { "Ana", "ana@example.com", "cl_rut", "12.345.678-5", ["A", "1", "b", "2"] },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void IsSameRegistration_is_false_when_anything_differs(string? name, string? email, string? taxType, string? taxValue, string[] metadata)
    {
        var pairs = Meta(Enumerable.Range(0, metadata.Length / 2).Select(i => (metadata[2 * i], metadata[(2 * i) + 1])).ToArray());
        var customer = Registered();
        Assert.False(customer.IsSameRegistration(
            name,
            email is null ? null : EmailAddress.Create(email),
            taxType is null ? null : TaxId.Create(taxType, taxValue),
            pairs));
    }

    [Fact]
    public void IsSameRegistration_is_false_for_a_customer_never_registered() =>
        Assert.False(new Customer().IsSameRegistration(null, null, null, Meta()));

    [Fact]
    public void Load_folds_history_sets_the_revision_and_records_no_changes()
    {
        var customer = new Customer();
        customer.Load(0, [new CustomerRegistered(Id, "Ana", "ana@example.com", "mx_rfc", "GODE561231GR8", Meta(("k", "v")), At)]);

        Assert.Equal(0, customer.OriginalRevision);
        Assert.False(customer.IsNew);
        Assert.Empty(customer.Changes);
        Assert.Equal(Id, customer.State.Id);
        Assert.Equal("GODE561231GR8", customer.State.TaxIdValue);
        Assert.Equal(At, customer.State.RegisteredAt);
        Assert.True(customer.IsSameRegistration("Ana", EmailAddress.Create("ana@example.com"), TaxId.Create("mx_rfc", "gode561231gr8"), Meta(("k", "v"))));
        Assert.Throws<DomainRuleViolation>(() => customer.Register(Guid.NewGuid(), null, EmailAddress.Create("x@y.cl"), null, Meta(), At));
    }

    [Fact]
    public void Load_of_an_empty_history_keeps_a_new_aggregate_at_the_given_revision()
    {
        var customer = new Customer();
        customer.Load(-1, []);
        Assert.True(customer.IsNew);
        Assert.False(customer.State.IsRegistered);
    }

    [Fact]
    public void MarkCommitted_clears_changes_and_moves_the_revision()
    {
        var customer = Registered();
        Assert.Single(customer.Changes);
        customer.MarkCommitted(0);
        Assert.Empty(customer.Changes);
        Assert.Equal(0, customer.OriginalRevision);
        Assert.True(customer.State.IsRegistered);
    }

    private static Customer Registered()
    {
        var customer = new Customer();
        customer.Register(Id, "Ana", EmailAddress.Create("ana@example.com"), TaxId.Create("cl_rut", "12.345.678-5"), Meta(("a", "1"), ("b", "2")), At);
        return customer;
    }
}
