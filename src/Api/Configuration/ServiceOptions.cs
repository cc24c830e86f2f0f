namespace ModularPayments.Api.Configuration;

/// <summary><c>Storage:*</c>: where the event store and read models live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataDirectory { get; set; } = "./data";
}

/// <summary><c>EventStore:*</c>.</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    public const string Sqlite = "Sqlite";

    public const string EventStoreDb = "EventStoreDb";

    public string Provider { get; set; } = Sqlite;

    /// <summary>For <see cref="EventStoreDb"/>: <c>esdb://host:2113?tls=false</c> (may hold a password: never logged).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For <see cref="Sqlite"/>: the event store's file, when it is not <c>{Storage:DataDirectory}/events.db</c>.</summary>
    public string? SqliteFile { get; set; }

    public bool UsesEventStoreDb => string.Equals(Provider, EventStoreDb, StringComparison.OrdinalIgnoreCase);
}

/// <summary><c>Merchant:*</c>: the API keys the merchant's own apps present as <c>Authorization: Bearer</c>.</summary>
public sealed class MerchantOptions
{
    public const string Section = "Merchant";

    /// <summary>Accepted only while the Fintoc simulator is the provider and no key is configured. Never for real money.</summary>
    public const string DevelopmentApiKey = "mp_dev_local_simulator_only";

    public const int MinimumKeyLength = 16;

    public List<string> ApiKeys { get; } = [];
}

/// <summary><c>Fintoc:*</c>. Without a secret key the offline Fintoc simulator is the provider.</summary>
public sealed class FintocOptions
{
    public const string Section = "Fintoc";

    public string? SecretKey { get; set; }

    /// <summary>Secrets of the Fintoc webhook endpoints whose deliveries we accept (several while one is rotated).</summary>
    public List<string> WebhookSecrets { get; } = [];

    /// <summary>How far a <c>Fintoc-Signature</c> timestamp may be from now, either way, in whole seconds.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool UsesSimulator => string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary><c>Api:*</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
