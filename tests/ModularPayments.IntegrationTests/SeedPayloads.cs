namespace ModularPayments.IntegrationTests;

/// <summary>The webhook bodies of seed 000, as printed there (whitespace and all), and a card variant.</summary>
public static class SeedPayloads
{
    public const string CheckoutSessionFinished = """
        {
          "id": "evt_a4xK32BanKWYn",
          "object": "event",
          "type": "checkout_session.finished",
          "data": {
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
        }
        """;

    public const string PacPaymentMethodActivated = """
        {
          "id": "evt_pm_activated_pac",
          "object": "event",
          "type": "payment_method.activated",
          "data": {
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
        }
        """;

    public const string CardPaymentMethodActivated = """
        {"id":"evt_pm_activated_card","object":"event","type":"payment_method.activated","mode":"test","created_at":"2026-11-30T12:00:00Z","data":{"id":"pm_card_1","object":"payment_method","type":"card","customer":"cus_card_1","pac":null,"card":{"brand":"visa","last4":"1111","status":"active","unknown_field":{"nested":true}},"metadata":{},"new_top_level_field":1}}
        """;

    public static IEnumerable<(string Id, string Body)> All =>
    [
        ("evt_a4xK32BanKWYn", CheckoutSessionFinished),
        ("evt_pm_activated_pac", PacPaymentMethodActivated),
        ("evt_pm_activated_card", CardPaymentMethodActivated),
    ];
}
