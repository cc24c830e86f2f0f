using System.Text.Json;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.PaymentMethods.Application.ActivatePaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.CancelPaymentMethod;
using ModularPayments.Modules.PaymentMethods.Application.ExpireSetupSession;
using ModularPayments.Modules.PaymentMethods.Application.FinishSetupSession;
using ModularPayments.Modules.PaymentMethods.Infrastructure.Translators;

namespace ModularPayments.UnitTests.PaymentMethods;

public class WebhookTranslatorTests
{
    // The data objects of seed 000 (save a payment method), copied as they are.
    public const string SeedFinishedData = """
        {
          "id": "cs_li5531onlFDi235",
          "object": "checkout_session",
          "mode": "live",
          "flow": "setup",
          "status": "finished",
          "currency": "CLP",
          "customer": {
            "id": "cus_NffrFeUfNV2Hib",
            "name": "Felipe Castro",
            "email": "[email protected]",
            "tax_id": {
              "type": "cl_rut",
              "value": "11.111.111-1"
            }
          },
          "payment_method": "pm_NffrFeUfNV2Hib",
          "metadata": {},
          "success_url": "https://merchant.com/success",
          "cancel_url": "https://merchant.com/cancel"
        }
        """;

    public const string SeedActivatedData = """
        {
          "id": "pm_NffrFeUfNV2Hib",
          "object": "payment_method",
          "card": null, 
          "created_at": "2021-10-15T15:22:11.474Z",
          "customer": "cus_NffrFeUfNV2Hib",
          "mode": "live",
          "metadata": {},
          "pac": {
            "account_holder_id": "11.111.111-1",
            "account_number": "19831940978",
            "account_type": "checking_account",
            "institution": {
              "id": "cl_banco_falabella",
              "country": "cl",
              "name": "Banco Falabella"
            },
            "status": "active"
          },
          "type": "pac"
        }
        """;

    // The simulator's card method (src/Fintoc.Simulator/Api/Representations.cs), with a field Fintoc may add later.
    public const string SimulatorCardData = """
        {
          "id": "pm_card123",
          "object": "payment_method",
          "card": {
            "brand": "visa",
            "last4": "1111",
            "expiration": { "month": 12, "year": 2030 },
            "holder_name": "Ana",
            "status": "active"
          },
          "created_at": "2026-11-30T12:00:00Z",
          "customer": "cus_sim1",
          "metadata": {},
          "mode": "test",
          "pac": null,
          "status": "active",
          "type": "card",
          "some_future_field": { "nested": [1, 2] }
        }
        """;

    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static InboxedWebhook Webhook(string type, string data) =>
        new("evt_a4xK32BanKWYn", type, CreatedAt, JsonDocument.Parse(data).RootElement.Clone());

    [Fact]
    public void Checkout_session_finished_from_the_seed_becomes_a_finish_command()
    {
        var command = Assert.IsType<FinishSetupSessionCommand>(new CheckoutSessionTranslator().Translate(Webhook("checkout_session.finished", SeedFinishedData)));

        Assert.Equal("cs_li5531onlFDi235", command.FintocCheckoutSessionId);
        Assert.Equal("pm_NffrFeUfNV2Hib", command.FintocPaymentMethodId);
        Assert.Equal("cus_NffrFeUfNV2Hib", command.FintocCustomerId);
        Assert.Equal("setup", command.Flow);
        Assert.Null(command.SetupSessionReference);
        Assert.Equal(CreatedAt, command.OccurredAt);
    }

    [Fact]
    public void Our_session_id_in_the_metadata_is_carried()
    {
        var data = SeedFinishedData.Replace("\"metadata\": {}", "\"metadata\": {\"mp_setup_session_id\": \"mp_setup_0193c4a1000070008000000000000001\", \"order\": \"9\"}", StringComparison.Ordinal);
        var command = Assert.IsType<FinishSetupSessionCommand>(new CheckoutSessionTranslator().Translate(Webhook("checkout_session.finished", data)));
        Assert.Equal("mp_setup_0193c4a1000070008000000000000001", command.SetupSessionReference);
    }

    [Fact]
    public void Checkout_session_expired_becomes_an_expire_command()
    {
        var data = SeedFinishedData.Replace("\"status\": \"finished\"", "\"status\": \"expired\"", StringComparison.Ordinal)
            .Replace("\"payment_method\": \"pm_NffrFeUfNV2Hib\"", "\"payment_method\": null", StringComparison.Ordinal);
        var command = Assert.IsType<ExpireSetupSessionCommand>(new CheckoutSessionTranslator().Translate(Webhook("checkout_session.expired", data)));
        Assert.Equal("cs_li5531onlFDi235", command.FintocCheckoutSessionId);
    }

    [Fact]
    public void Payment_method_activated_from_the_seed_keeps_only_the_last_four_digits()
    {
        var command = Assert.IsType<ActivatePaymentMethodCommand>(new PaymentMethodTranslator().Translate(Webhook("payment_method.activated", SeedActivatedData)));

        var method = command.Method;
        Assert.Equal("pm_NffrFeUfNV2Hib", method.FintocPaymentMethodId);
        Assert.Equal("pac", method.Type);
        Assert.Equal("active", method.Status);
        Assert.Equal("cus_NffrFeUfNV2Hib", method.FintocCustomerId);
        Assert.Equal(("cl_banco_falabella", "Banco Falabella", "cl"), (method.InstitutionId, method.InstitutionName, method.InstitutionCountry));
        Assert.Equal("checking_account", method.AccountType);
        Assert.Equal("0978", method.AccountLast4);
        Assert.Null(method.CardBrand);
        Assert.DoesNotContain("19831940978", command.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_method_from_the_simulator_tolerates_unknown_fields()
    {
        var command = Assert.IsType<ActivatePaymentMethodCommand>(new PaymentMethodTranslator().Translate(Webhook("payment_method.activated", SimulatorCardData)));

        Assert.Equal("card", command.Method.Type);
        Assert.Equal(("visa", "1111"), (command.Method.CardBrand, command.Method.CardLast4));
        Assert.Null(command.Method.InstitutionId);
    }

    [Fact]
    public void Payment_method_canceled_becomes_a_cancel_command()
    {
        var command = Assert.IsType<CancelPaymentMethodCommand>(new PaymentMethodTranslator().Translate(Webhook("payment_method.canceled", SeedActivatedData)));
        Assert.Equal(("pm_NffrFeUfNV2Hib", "cus_NffrFeUfNV2Hib"), (command.FintocPaymentMethodId, command.FintocCustomerId));
    }

    [Theory]
    [InlineData("checkout_session.finished", """{"object": "checkout_session"}""", "data.id")]
    [InlineData("checkout_session.finished", """{"id": "cs_1", "flow": "setup", "payment_method": null}""", "data.payment_method")]
    [InlineData("checkout_session.finished", """{"id": "cs_1", "payment_method": 42}""", "data.payment_method")]
    [InlineData("payment_method.activated", """{"id": "pm_1", "type": "wire"}""", "data.type")]
    [InlineData("payment_method.activated", """[1, 2]""", "data")]
    public void A_payload_missing_what_its_type_promises_is_unusable(string type, string data, string field)
    {
        IWebhookTranslator translator = type.StartsWith("checkout", StringComparison.Ordinal) ? new CheckoutSessionTranslator() : new PaymentMethodTranslator();
        var unusable = Assert.Throws<UnusableWebhookException>(() => translator.Translate(Webhook(type, data)));
        Assert.Equal(field, unusable.Field);
    }

    [Fact]
    public void Each_translator_names_the_types_it_handles()
    {
        Assert.Equal(["checkout_session.finished", "checkout_session.expired"], new CheckoutSessionTranslator().EventTypes);
        Assert.Equal(["payment_method.activated", "payment_method.canceled"], new PaymentMethodTranslator().EventTypes);
    }
}
