using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.TaxIds;

namespace ModularPayments.UnitTests.Customers;

public class TaxIdTests
{
    [Theory]
    [InlineData("us_ssn")]
    [InlineData("CL_RUT")] // wire names are exact
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_type_is_reported_on_tax_id_type(string? type)
    {
        Assert.False(TaxId.TryCreate(type, "12.345.678-5", out _, out var field, out var error));
        Assert.Equal("tax_id.type", field);
        Assert.Contains("cl_rut", error, StringComparison.Ordinal);
        Assert.Equal("tax_id.type", Assert.Throws<DomainRuleViolation>(() => TaxId.Create(type, "12.345.678-5")).Field);
    }

    [Theory]
    [InlineData("cl_rut", "12.345.678-4")]
    [InlineData("cl_rut", "GODE561231GR8")]
    [InlineData("mx_rfc", "12.345.678-5")]
    [InlineData("mx_rfc", "GODE561331GR8")]
    [InlineData("mx_rfc", null)]
    public void Bad_value_is_reported_on_tax_id_value(string type, string? value)
    {
        Assert.False(TaxId.TryCreate(type, value, out _, out var field, out var error));
        Assert.Equal("tax_id.value", field);
        Assert.False(string.IsNullOrWhiteSpace(error));
        var violation = Assert.Throws<DomainRuleViolation>(() => TaxId.Create(type, value));
        Assert.Equal("invalid_tax_id", violation.Code);
        Assert.Equal("tax_id.value", violation.Field);
    }

    [Fact]
    public void The_same_taxpayer_written_differently_is_the_same_tax_id()
    {
        var a = TaxId.Create("cl_rut", "12.345.678-5");
        var b = TaxId.Create("cl_rut", "123456785");
        Assert.Equal(a, b);
        Assert.Equal(TaxIdType.ClRut, a.Type);
        Assert.Equal("cl_rut:123456785", a.ToString());
        Assert.Equal(TaxId.Create("mx_rfc", "GODE561231GR8"), TaxId.Create("mx_rfc", "gode561231gr8"));
        Assert.Equal("mx_rfc:GODE561231GR8", TaxId.Create("mx_rfc", "gode561231gr8").ToString());
    }
}
