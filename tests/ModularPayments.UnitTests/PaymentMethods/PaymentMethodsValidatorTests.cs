using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.PaymentMethods.Application.CreateSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.ListPaymentMethods;

namespace ModularPayments.UnitTests.PaymentMethods;

public class PaymentMethodsValidatorTests
{
    private static readonly string Customer = PublicIdKind.Customer.Format(Guid.Parse("0193c4a1-0000-7000-8000-000000000c03"));

    private static readonly CreateSetupSessionCommand Valid = new(Customer, "CLP", "https://merchant.com/success", "http://localhost:5000/cancel", ["pac", "card"], new Dictionary<string, string> { ["order"] = "1" }, "key-1");

    private static IReadOnlyList<string> FieldsAtFault(CreateSetupSessionCommand command) =>
        [.. new CreateSetupSessionCommandValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct()];

    [Fact]
    public void A_complete_request_is_valid()
    {
        Assert.Empty(FieldsAtFault(Valid));
        Assert.Empty(FieldsAtFault(Valid with { PaymentMethodTypes = null, Metadata = null, IdempotencyKey = null }));
        Assert.Empty(FieldsAtFault(Valid with { Currency = "MXN", PaymentMethodTypes = ["direct_debit", "card"] }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0193c4a1000070008000000000000c03")]
    [InlineData("cus_NffrFeUfNV2Hib")]
    [InlineData("mp_pm_0193c4a1000070008000000000000c03")]
    public void Customer_id_must_be_one_of_our_customer_ids(string? customerId) =>
        Assert.Equal(["customer_id"], FieldsAtFault(Valid with { CustomerId = customerId }));

    [Theory]
    [InlineData(null)]
    [InlineData("USD")]
    [InlineData("clp")]
    public void Currency_is_clp_or_mxn(string? currency) =>
        Assert.Contains("currency", FieldsAtFault(Valid with { Currency = currency, PaymentMethodTypes = null }));

    [Theory]
    [InlineData(null)]
    [InlineData("/relative/path")]
    [InlineData("ftp://merchant.com/x")]
    [InlineData("javascript:alert(1)")]
    public void Urls_are_absolute_http_or_https(string? url)
    {
        Assert.Equal(["success_url"], FieldsAtFault(Valid with { SuccessUrl = url }));
        Assert.Equal(["cancel_url"], FieldsAtFault(Valid with { CancelUrl = url }));
    }

    [Theory]
    [InlineData("CLP", "direct_debit")]
    [InlineData("MXN", "pac")]
    [InlineData("CLP", "bank_transfer")]
    [InlineData("CLP", null)]
    public void Payment_method_types_are_known_and_fit_the_currency(string currency, string? type) =>
        Assert.Equal(["payment_method_types"], FieldsAtFault(Valid with { Currency = currency, PaymentMethodTypes = type is null ? [] : [type] }));

    [Fact]
    public void Metadata_is_bounded_and_cannot_spoof_our_correlation_key()
    {
        Assert.Equal(["metadata"], FieldsAtFault(Valid with { Metadata = Enumerable.Range(0, 51).ToDictionary(i => "k" + i, i => "v") }));
        Assert.Equal(["metadata.order"], FieldsAtFault(Valid with { Metadata = new Dictionary<string, string> { ["order"] = new string('x', 501) } }));
        Assert.Equal(["metadata.mp_setup_session_id"], FieldsAtFault(Valid with { Metadata = new Dictionary<string, string> { ["mp_setup_session_id"] = "mp_setup_x" } }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void The_idempotency_key_is_printable_ascii(string key) =>
        Assert.Equal(["Idempotency-Key"], FieldsAtFault(Valid with { IdempotencyKey = key }));

    [Theory]
    [InlineData("cus_1", null, null, null, "customer_id")]
    [InlineData(null, "enabled", null, null, "status")]
    [InlineData(null, null, "0", null, "limit")]
    [InlineData(null, null, "101", null, "limit")]
    [InlineData(null, null, null, "pm_1", "starting_after")]
    public void List_filters_name_the_field_at_fault(string? customerId, string? status, string? limit, string? startingAfter, string field)
    {
        var errors = new ListPaymentMethodsQueryValidator().Validate(new ListPaymentMethodsQuery(customerId, status, limit, startingAfter)).Errors;
        Assert.Equal([field], errors.Select(e => e.PropertyName).Distinct());
    }

    [Fact]
    public void A_list_with_valid_filters_is_valid() =>
        Assert.True(new ListPaymentMethodsQueryValidator().Validate(
            new ListPaymentMethodsQuery(Customer, "active", "100", PublicIdKind.PaymentMethod.Format(Guid.NewGuid()))).IsValid);
}
