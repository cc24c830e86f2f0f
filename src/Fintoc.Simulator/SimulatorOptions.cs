namespace ModularPayments.Fintoc.Simulator;

/// <summary>Settings of the simulator (configuration section <c>Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";
    public const string DefaultApiKey = "sk_test_simulator";

    /// <summary>Secret keys the simulated API accepts.</summary>
    public List<string> ApiKeys { get; set; } = [DefaultApiKey];

    /// <summary>Base URL for hosted-page links (<c>redirect_url</c>); empty: taken from each request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Business days a PAC payment method stays pending before the bank confirms it (Fintoc: about 5).</summary>
    public int PacActivationBusinessDays { get; set; } = 1;

    /// <summary>Business days a v1 subscription stays pending after authorization (Fintoc: up to 3).</summary>
    public int SubscriptionActivationBusinessDays { get; set; } = 1;

    /// <summary>Simulated seconds before a payment intent on a saved method reaches its final status.</summary>
    public int PaymentIntentSettlementSeconds { get; set; } = 10;

    /// <summary>Business days after processing (16:00 Chile) before a v1 charge is final; seed 003 says at most 2.</summary>
    public int ChargeSettlementBusinessDays { get; set; } = 2;

    public TimeSpan CheckoutSessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Webhook endpoints registered from configuration, besides those created through the API.</summary>
    public List<ConfiguredWebhookEndpoint> Webhooks { get; set; } = [];

    /// <summary>Real time a receiver has to answer a delivery before it counts as a timeout.</summary>
    public TimeSpan WebhookDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra non-business days (ISO dates), on top of weekends and Chile's public holidays.</summary>
    public List<DateOnly> ExtraHolidays { get; set; } = [];

    /// <summary>Fintoc's API limit (100 requests/second per organization) when set; 0 (the default) for no limit.</summary>
    public int RequestsPerSecond { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RequestsPerSecond is < 0 or > 100_000)
        {
            problems.Add("Simulator:RequestsPerSecond must be between 0 (no limit) and 100000.");
        }

        if (ApiKeys.Count == 0 || ApiKeys.Any(key => !key.StartsWith("sk_test_", StringComparison.Ordinal)))
        {
            problems.Add("Simulator:ApiKeys must hold at least one key, each starting with sk_test_ (the simulator is test mode only).");
        }

        if (!string.IsNullOrEmpty(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
        {
            problems.Add("Simulator:PublicBaseUrl must be an absolute URL.");
        }

        if (PacActivationBusinessDays is < 0 or > 10)
        {
            problems.Add("Simulator:PacActivationBusinessDays must be between 0 and 10.");
        }

        if (SubscriptionActivationBusinessDays is < 0 or > 10)
        {
            problems.Add("Simulator:SubscriptionActivationBusinessDays must be between 0 and 10.");
        }

        if (PaymentIntentSettlementSeconds is < 0 or > 86_400)
        {
            problems.Add("Simulator:PaymentIntentSettlementSeconds must be between 0 and 86400.");
        }

        if (ChargeSettlementBusinessDays is < 0 or > 2)
        {
            problems.Add("Simulator:ChargeSettlementBusinessDays must be 0, 1 or 2 (Fintoc: a final status within two business days).");
        }

        if (CheckoutSessionLifetime <= TimeSpan.Zero)
        {
            problems.Add("Simulator:CheckoutSessionLifetime must be positive.");
        }

        if (WebhookDeliveryTimeout <= TimeSpan.Zero)
        {
            problems.Add("Simulator:WebhookDeliveryTimeout must be positive.");
        }

        for (var i = 0; i < Webhooks.Count; i++)
        {
            var endpoint = Webhooks[i];
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out _))
            {
                problems.Add($"Simulator:Webhooks:{i}:Url must be an absolute URL.");
            }

            if (string.IsNullOrEmpty(endpoint.Secret))
            {
                problems.Add($"Simulator:Webhooks:{i}:Secret is required.");
            }
        }

        return problems;
    }
}

public sealed class ConfiguredWebhookEndpoint
{
    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";

    public List<string> EnabledEvents { get; set; } = ["*"];
}
