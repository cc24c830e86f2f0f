using ModularPayments.Modules.Customers.Application.ListCustomers;
using ModularPayments.Modules.Customers.Application.RegisterCustomer;

namespace ModularPayments.UnitTests.Application;

public class ValidatorTests
{
    private static readonly RegisterCustomerCommandValidator Register = new();
    private static readonly ListCustomersQueryValidator List = new();

    private static RegisterCustomerCommand Valid() =>
        new("Ana", "ana@example.com", new TaxIdInput("cl_rut", "12.345.678-5"), new Dictionary<string, string> { ["plan"] = "gold" }, "key-1");

    private static string[] Fields(RegisterCustomerCommand command) =>
        Register.Validate(command).Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_complete_valid_command_passes() => Assert.True(Register.Validate(Valid()).IsValid);

    [Fact]
    public void Email_alone_or_tax_id_alone_is_enough()
    {
        Assert.Empty(Fields(Valid() with { TaxId = null }));
        Assert.Empty(Fields(Valid() with { Email = null }));
        Assert.Empty(Fields(Valid() with { Name = null, Metadata = null, IdempotencyKey = null, Email = "  " }));
    }

    [Fact]
    public void Neither_email_nor_tax_id_fails_on_email() =>
        Assert.Equal(["email"], Fields(Valid() with { Email = null, TaxId = null }));

    [Fact]
    public void A_malformed_email_fails_on_email() =>
        Assert.Equal(["email"], Fields(Valid() with { Email = "ana@" }));

    [Fact]
    public void An_unknown_tax_id_type_fails_on_tax_id_type() =>
        Assert.Equal(["tax_id.type"], Fields(Valid() with { TaxId = new TaxIdInput("us_ssn", "123-45-6789") }));

    [Theory]
    [InlineData("cl_rut", "12.345.678-4")]
    [InlineData("mx_rfc", "GODE560230GR8")]
    [InlineData("cl_rut", null)]
    public void A_bad_tax_id_value_fails_on_tax_id_value(string type, string? value) =>
        Assert.Equal(["tax_id.value"], Fields(Valid() with { TaxId = new TaxIdInput(type, value) }));

    [Fact]
    public void A_long_name_fails_on_name()
    {
        Assert.Equal(["name"], Fields(Valid() with { Name = new string('a', 201) }));
        Assert.Empty(Fields(Valid() with { Name = new string('a', 200) }));
    }

    [Fact]
    public void Too_many_metadata_keys_fail_on_metadata()
    {
        var metadata = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        Assert.Equal(["metadata"], Fields(Valid() with { Metadata = metadata }));
        Assert.Empty(Fields(Valid() with { Metadata = metadata.Take(50).ToDictionary() }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk")] // 41
    public void Bad_metadata_keys_fail_on_metadata(string key) =>
        Assert.Equal(["metadata"], Fields(Valid() with { Metadata = new Dictionary<string, string> { [key] = "v" } }));

    [Fact]
    public void A_long_metadata_value_fails_on_its_key() =>
        Assert.Equal(["metadata.order"], Fields(Valid() with { Metadata = new Dictionary<string, string> { ["order"] = new string('v', 501), ["ok"] = new string('v', 500) } }));

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("ñ")]
    [InlineData("")]
    public void A_bad_idempotency_key_fails_on_the_header(string key) =>
        Assert.Equal(["Idempotency-Key"], Fields(Valid() with { IdempotencyKey = key }));

    [Fact]
    public void Idempotency_keys_are_limited_to_255_characters()
    {
        Assert.Empty(Fields(Valid() with { IdempotencyKey = new string('k', 255) }));
        Assert.Equal(["Idempotency-Key"], Fields(Valid() with { IdempotencyKey = new string('k', 256) }));
    }

    [Fact]
    public void Several_problems_are_all_reported() =>
        Assert.Equal(["email", "name", "tax_id.value"], Fields(new RegisterCustomerCommand(new string('a', 300), "bad", new TaxIdInput("cl_rut", "1-1"), null, null)));

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("10")]
    [InlineData("100")]
    public void List_accepts_limits_from_1_to_100(string? limit) =>
        Assert.True(List.Validate(new ListCustomersQuery(null, null, limit, null)).IsValid);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void List_rejects_other_limits_on_limit(string limit) =>
        Assert.Equal(["limit"], List.Validate(new ListCustomersQuery(null, null, limit, null)).Errors.Select(e => e.PropertyName));

    [Fact]
    public void List_checks_starting_after_and_filter_lengths()
    {
        Assert.Equal(["starting_after"], List.Validate(new ListCustomersQuery(null, null, null, "not-a-guid")).Errors.Select(e => e.PropertyName));
        Assert.True(List.Validate(new ListCustomersQuery(null, null, null, Guid.NewGuid().ToString())).IsValid);
        Assert.Equal(["tax_id"], List.Validate(new ListCustomersQuery(new string('1', 65), null, null, null)).Errors.Select(e => e.PropertyName));
        Assert.Equal(["email"], List.Validate(new ListCustomersQuery(null, new string('e', 255), null, null)).Errors.Select(e => e.PropertyName));
    }
}
