namespace ModularPayments.Modules.Mandates.Application;

/// <summary><c>Mandates:*</c> settings, validated at start-up.</summary>
public sealed class MandatesOptions
{
    public const string SectionName = "Mandates";

    /// <summary>How often the billing engine looks for due periods.</summary>
    public TimeSpan BillingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Mandates loaded per page of a billing run.</summary>
    public int BillingBatchSize { get; set; } = 500;

    /// <summary>
    /// Where the payer authorizes a PAC subscription in simulator mode, with <c>{id}</c> and <c>{widget_token}</c>;
    /// null against the real Fintoc (its widget is opened by the merchant's front end with the token).
    /// </summary>
    public string? AuthorizationUrlTemplate { get; set; }

    public bool IsValid => BillingInterval > TimeSpan.Zero && BillingBatchSize is >= 1 and <= 10_000;
}
