using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.Customers.Domain.Customers;

namespace ModularPayments.UnitTests.Customers;

public class EmailAddressTests
{
    [Theory]
    [InlineData("ana@example.com", "ana@example.com")]
    [InlineData("  Ana.Perez@Example.CL  ", "ana.perez@example.cl")]
    [InlineData("ANA+TAG@SUB.EXAMPLE.COM.MX", "ana+tag@sub.example.com.mx")]
    [InlineData("a@b.co", "a@b.co")]
    public void Valid_addresses_are_trimmed_and_lowercased(string input, string expected)
    {
        Assert.True(EmailAddress.TryCreate(input, out var email));
        Assert.Equal(expected, email.Value);
        Assert.Equal(expected, EmailAddress.Create(input).Value);
    }

    [Theory]
    [InlineData("ana.example.com")] // no @
    [InlineData("ana@@example.com")] // two @
    [InlineData("ana@ex@ample.com")]
    [InlineData("@example.com")] // empty local part
    [InlineData("ana perez@example.com")] // space
    [InlineData("ana@exa mple.com")]
    [InlineData("ana\t@example.com")]
    [InlineData("ana@example")] // no TLD
    [InlineData("ana@example.c")] // one-letter TLD
    [InlineData("ana@example.")] // empty last label
    [InlineData("ana@.example.com")] // empty first label
    [InlineData("ana@example..com")] // empty middle label
    [InlineData("ana@-example.com")]
    [InlineData("ana@example-.com")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Malformed_addresses_are_rejected(string? input)
    {
        Assert.False(EmailAddress.TryCreate(input, out _));
        var violation = Assert.Throws<DomainRuleViolation>(() => EmailAddress.Create(input));
        Assert.Equal("email", violation.Field);
    }

    [Fact]
    public void Length_limits_are_enforced()
    {
        var local64 = new string('a', 64);
        Assert.True(EmailAddress.TryCreate(local64 + "@example.com", out _));
        Assert.False(EmailAddress.TryCreate(local64 + "a@example.com", out _));

        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".cl"; // 4*60 + 3 + 3 = 246
        var fits = "abcdefg@" + domain; // 8 + 246 = 254
        Assert.Equal(254, fits.Length);
        Assert.True(EmailAddress.TryCreate(fits, out _));
        Assert.False(EmailAddress.TryCreate("x" + fits, out _));
    }
}
