using ModularPayments.Api.Observability;
using ModularPayments.EventStore.EventStoreDb.Connection;

namespace ModularPayments.Api.Configuration;

/// <summary>
/// Reads and checks the configuration once at start-up. A wrong setting stops the host with a message naming the
/// setting (and never its value: it may be a secret).
/// </summary>
public sealed record StartupConfiguration(
    StorageOptions Storage,
    EventStoreOptions EventStore,
    FintocOptions Fintoc,
    ApiOptions Api,
    TelemetryOptions Telemetry,
    IReadOnlyList<string> MerchantApiKeys,
    bool UsesDevelopmentApiKey)
{
    public static StartupConfiguration Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var storage = Bind<StorageOptions>(configuration, StorageOptions.Section, problems);
        var eventStore = Bind<EventStoreOptions>(configuration, EventStoreOptions.Section, problems);
        var fintoc = Bind<FintocOptions>(configuration, FintocOptions.Section, problems);
        var api = Bind<ApiOptions>(configuration, ApiOptions.Section, problems);
        var merchant = Bind<MerchantOptions>(configuration, MerchantOptions.Section, problems);
        var telemetry = Bind<TelemetryOptions>(configuration, TelemetryOptions.Section, problems);

        if (string.IsNullOrWhiteSpace(storage.DataDirectory))
        {
            problems.Add("Storage:DataDirectory must name a folder.");
        }

        if (eventStore.UsesEventStoreDb)
        {
            CheckEventStoreDbConnectionString(eventStore.ConnectionString, problems);
        }
        else if (!string.Equals(eventStore.Provider, EventStoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"EventStore:Provider must be '{EventStoreOptions.Sqlite}' (the embedded store, default) or '{EventStoreOptions.EventStoreDb}'.");
        }

        if (!fintoc.UsesSimulator)
        {
            problems.AddRange(Bind<global::ModularPayments.Fintoc.FintocOptions>(configuration, FintocOptions.Section, problems).Validate());
        }

        if (fintoc.WebhookToleranceSeconds is < 1 or > 3600)
        {
            problems.Add("Fintoc:WebhookToleranceSeconds must be between 1 and 3600.");
        }

        if (api.MaxRequestBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            problems.Add("Api:MaxRequestBodyBytes must be between 1024 and 10485760.");
        }

        if (telemetry.OtlpEndpoint is { } otlp && !(otlp.IsAbsoluteUri && (otlp.Scheme == Uri.UriSchemeHttp || otlp.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add("OpenTelemetry:OtlpEndpoint must be an absolute http(s) URL, e.g. http://localhost:4317.");
        }

        var keys = merchant.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length < MerchantOptions.MinimumKeyLength)
            {
                problems.Add($"Merchant:ApiKeys:{i} is shorter than {MerchantOptions.MinimumKeyLength} characters.");
            }
        }

        var usesDevelopmentKey = false;
        if (keys.Count == 0)
        {
            if (fintoc.UsesSimulator)
            {
                keys.Add(MerchantOptions.DevelopmentApiKey);
                usesDevelopmentKey = true;
            }
            else
            {
                problems.Add("Merchant:ApiKeys is empty: with a real Fintoc key configured, set at least one merchant API key.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", problems));
        }

        return new StartupConfiguration(storage, eventStore, fintoc, api, telemetry, keys, usesDevelopmentKey);
    }

    private static void CheckEventStoreDbConnectionString(string? connectionString, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add($"EventStore:ConnectionString must be set when EventStore:Provider is '{EventStoreOptions.EventStoreDb}' (e.g. esdb://localhost:2113?tls=false).");
            return;
        }

        try
        {
            EventStoreDbConnectionString.Parse(connectionString);
        }
        catch (FormatException exception)
        {
            // The parser names the bad part and never repeats the credentials.
            problems.Add($"EventStore:ConnectionString is invalid. {exception.Message}");
        }
    }

    private static T Bind<T>(IConfiguration configuration, string section, List<string> problems)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            _ = exception; // Its message quotes the value, which may be a secret.
            problems.Add($"{section} has a setting of the wrong type.");
        }

        return options;
    }
}
