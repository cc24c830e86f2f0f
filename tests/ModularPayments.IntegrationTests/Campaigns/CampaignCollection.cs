namespace ModularPayments.IntegrationTests.Campaigns;

/// <summary>
/// The campaigns load both cores for seconds at a time (processes killed and restarted, thousands of requests): they run
/// alone, so that the timing-sensitive tests of this assembly (log lines of one request) never share the machine with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CampaignCollection
{
    public const string Name = "Campaigns";
}
