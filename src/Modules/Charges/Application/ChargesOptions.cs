namespace ModularPayments.Modules.Charges.Application;

/// <summary><c>Charges:*</c> settings, validated at start-up.</summary>
public sealed class ChargesOptions
{
    public const string SectionName = "Charges";

    /// <summary>The largest amount one charge may ask for, per currency, in minor units (CLP has none, MXN has cents).</summary>
    public MaxAmounts MaxAmount { get; set; } = new();

    /// <summary>How often the janitor looks for charges left pending.</summary>
    public TimeSpan JanitorInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A charge pending (unsubmitted, or without a final word from Fintoc) longer than this is re-read or resubmitted.</summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many charges per janitor sweep, oldest first.</summary>
    public int JanitorBatchSize { get; set; } = 100;

    public long MaxAmountFor(string currency) => currency switch
    {
        "CLP" => MaxAmount.Clp,
        "MXN" => MaxAmount.Mxn,
        _ => 0,
    };

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAmount.Clp <= 0 || MaxAmount.Mxn <= 0)
        {
            problems.Add("Charges:MaxAmount:CLP and Charges:MaxAmount:MXN must be greater than zero (minor units).");
        }

        if (JanitorInterval <= TimeSpan.Zero || PendingTimeout <= TimeSpan.Zero)
        {
            problems.Add("Charges:JanitorInterval and Charges:PendingTimeout must be greater than zero.");
        }

        if (JanitorBatchSize is < 1 or > 1000)
        {
            problems.Add("Charges:JanitorBatchSize must be between 1 and 1000.");
        }

        return problems;
    }

    /// <summary>Defaults: CLP 10.000.000 (ten million pesos), MXN 10.000.000 cents (100.000,00 pesos).</summary>
    public sealed class MaxAmounts
    {
        public long Clp { get; set; } = 10_000_000;

        public long Mxn { get; set; } = 10_000_000;
    }
}
