using Microsoft.Extensions.Options;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.Modules.Charges.Application;
using ModularPayments.Modules.Charges.Application.ListCharges;
using ModularPayments.Modules.Charges.Application.RequestCharge;

namespace ModularPayments.UnitTests.Charges;

public class ChargesValidatorTests
{
    private static readonly string Customer = PublicIdKind.Customer.Format(Guid.Parse("0193c4a1-0000-7000-8000-0000000000e1"));
    private static readonly string Method = PublicIdKind.PaymentMethod.Format(Guid.Parse("0193c4a1-0000-7000-8000-0000000000e2"));
    private static readonly RequestChargeCommand Valid = new(Customer, Method, null, 5_000, "CLP", "Order 1", new Dictionary<string, string> { ["order"] = "1" }, "key-1");

    private static readonly ChargesOptions Options = new() { MaxAmount = new ChargesOptions.MaxAmounts { Clp = 1_000_000, Mxn = 50_000 } };

    private static IReadOnlyList<string> FieldsAtFault(RequestChargeCommand command) =>
        [.. new RequestChargeCommandValidator(Microsoft.Extensions.Options.Options.Create(Options)).Validate(command).Errors.Select(e => e.PropertyName).Distinct()];

    [Fact]
    public void A_complete_request_is_valid()
    {
        Assert.Empty(FieldsAtFault(Valid));
        Assert.Empty(FieldsAtFault(Valid with { Description = null, Metadata = null, IdempotencyKey = null }));
        Assert.Empty(FieldsAtFault(Valid with { PaymentMethodId = null, SubscriptionId = "sub_2ac3" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-5000L)]
    [InlineData(1_000_001L)]
    public void Amount_is_required_positive_and_at_most_the_configured_maximum(long? amount) =>
        Assert.Equal(["amount"], FieldsAtFault(Valid with { Amount = amount }));

    [Fact]
    public void The_maximum_is_per_currency_in_minor_units()
    {
        Assert.Empty(FieldsAtFault(Valid with { Amount = 1_000_000 }));
        Assert.Equal(["amount"], FieldsAtFault(Valid with { Amount = 50_001, Currency = "MXN" }));
        Assert.Empty(FieldsAtFault(Valid with { Amount = 50_000, Currency = "MXN" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("USD")]
    [InlineData("clp")]
    public void Currency_is_clp_or_mxn(string? currency) =>
        Assert.Contains("currency", FieldsAtFault(Valid with { Currency = currency }));

    [Fact]
    public void Exactly_one_of_method_and_subscription_and_a_subscription_charge_is_clp()
    {
        Assert.Equal(["payment_method_id"], FieldsAtFault(Valid with { SubscriptionId = "sub_1" }));
        Assert.Equal(["payment_method_id"], FieldsAtFault(Valid with { PaymentMethodId = null }));
        Assert.Equal(["currency"], FieldsAtFault(Valid with { PaymentMethodId = null, SubscriptionId = "sub_1", Currency = "MXN" }));
        Assert.Equal(["subscription_id"], FieldsAtFault(Valid with { PaymentMethodId = null, SubscriptionId = "sub 1; drop" }));
    }

    [Theory]
    [InlineData("pm_123")]
    [InlineData("mp_cus_0193c4a1000070008000000000000e01")]
    public void Payment_method_id_is_one_of_ours(string methodId) =>
        Assert.Equal(["payment_method_id"], FieldsAtFault(Valid with { PaymentMethodId = methodId }));

    [Fact]
    public void Metadata_may_not_use_our_key_and_the_idempotency_key_is_printable()
    {
        Assert.Equal(["metadata.mp_charge_id"], FieldsAtFault(Valid with { Metadata = new Dictionary<string, string> { ["mp_charge_id"] = "x" } }));
        Assert.Equal(["Idempotency-Key"], FieldsAtFault(Valid with { IdempotencyKey = "has space" }));
        Assert.Equal(["description"], FieldsAtFault(Valid with { Description = new string('d', 501) }));
    }

    [Theory]
    [InlineData("2026-11-30T12:00:00Z", true)]
    [InlineData("2026-11-30T12:00:00.123+02:00", true)]
    [InlineData("2026-11-30T12:00:00", false)]
    [InlineData("2026-11-30", false)]
    [InlineData("yesterday", false)]
    public void List_instants_need_an_offset(string text, bool valid) =>
        Assert.Equal(valid, ListChargesQueryValidator.TryParseInstant(text, out _));

    [Fact]
    public void Options_are_validated()
    {
        Assert.Empty(new ChargesOptions().Validate());
        Assert.NotEmpty(new ChargesOptions { MaxAmount = new ChargesOptions.MaxAmounts { Clp = 0 } }.Validate());
        Assert.NotEmpty(new ChargesOptions { PendingTimeout = TimeSpan.Zero }.Validate());
        Assert.NotEmpty(new ChargesOptions { JanitorBatchSize = 0 }.Validate());
    }
}
