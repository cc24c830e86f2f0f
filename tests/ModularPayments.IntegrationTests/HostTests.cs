using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Integration;
using ModularPayments.Modules.Customers.Contracts;

namespace ModularPayments.IntegrationTests;

public sealed class HostTests
{
    [Fact]
    public async Task Health_reports_the_event_store_and_every_projection_and_reactor_with_its_lag()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateMerchantClient();
        await client.PostJsonAsync("/v1/customers", new { email = "health@example.com" });

        // Registered, then linked to Fintoc by the mirroring reactor: two events, everything caught up with both.
        var health = await Eventually.GetAsync(async () =>
        {
            var node = await client.GetNodeAsync("/health");
            var settled = node!["event_store"]!["head_position"]!.GetValue<long>() == 2
                && node["projections"]!.AsArray().All(p => p!["lag"]!.GetValue<long>() == 0 && p["state"]!.GetValue<string>() == "live")
                && node["reactors"]!.AsArray().All(r => r!["lag"]!.GetValue<long>() == 0 && r["state"]!.GetValue<string>() == "live");
            return settled ? node : null;
        });

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal("up", health["event_store"]!["status"]!.GetValue<string>());
        var projections = health["projections"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("customers", projections);
        Assert.Contains("webhooks", projections);
        var reactors = health["reactors"]!.AsArray();
        Assert.Contains("webhooks", reactors.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Contains("customers-fintoc-mirror", reactors.Select(r => r!["name"]!.GetValue<string>()));
        Assert.All(reactors, r => Assert.Equal(0, r!["parked"]!.GetValue<int>()));
        Assert.Equal("registered", health["payments_provider"]!["webhook_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_customer_endpoints()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        var document = await client.GetNodeAsync("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/v1/customers"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/v1/customers/{id}"));
        Assert.True(paths.ContainsKey("/health"));
    }

    [Fact]
    public async Task Configured_keys_replace_the_development_key()
    {
        const string key = "mp_live_merchant_key_0123456789";
        using var factory = new ApiFactory(new() { ["Merchant:ApiKeys:0"] = key });

        using var configured = factory.CreateMerchantClient(key);
        using var development = factory.CreateMerchantClient();

        Assert.Equal(HttpStatusCode.OK, (await configured.GetAsync("/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await development.GetAsync("/v1/customers")).StatusCode);
    }

    [Fact]
    public void The_host_refuses_to_start_with_a_real_fintoc_key_and_no_merchant_keys()
    {
        using var factory = new ApiFactory(new() { ["Fintoc:SecretKey"] = "sk_live_not_a_real_key_but_configured" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = Flatten(error);
        Assert.Contains("Merchant:ApiKeys", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_not_a_real_key_but_configured", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Merchant:ApiKeys:0", "short", "Merchant:ApiKeys:0")]
    [InlineData("EventStore:Provider", "Oracle", "EventStore:Provider")]
    [InlineData("Api:MaxRequestBodyBytes", "12", "Api:MaxRequestBodyBytes")]
    [InlineData("Api:MaxRequestBodyBytes", "lots", "Api")]
    public void Invalid_configuration_stops_the_host_naming_the_setting(string key, string value, string named)
    {
        using var factory = new ApiFactory(new() { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "EventStore:ConnectionString must be set")]
    [InlineData("http://localhost:2113", "EventStore:ConnectionString is invalid")]
    [InlineData("esdb://admin:hunter2-secret@localhost:notaport?tls=false", "EventStore:ConnectionString is invalid")]
    public void EventStoreDb_without_a_usable_connection_string_stops_the_host_without_echoing_the_password(string? connectionString, string expected)
    {
        var settings = new Dictionary<string, string?> { ["EventStore:Provider"] = "EventStoreDb", ["EventStore:ConnectionString"] = connectionString };
        using var factory = new ApiFactory(settings);

        var message = Flatten(Assert.ThrowsAny<Exception>(() => factory.CreateClient()));

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_publishes_CustomerRegistered_to_other_modules()
    {
        var received = new RecordingHandler();
        using var factory = new ApiFactory(services: s => s.AddIntegrationEventHandler<CustomerRegistered>("integration-test-recorder", _ => received));
        using var client = factory.CreateMerchantClient();

        var created = await Json.ReadAsync(await client.PostJsonAsync("/v1/customers", new { email = "Published@Example.com", tax_id = new { type = "mx_rfc", value = "xaxx010101000" } }));

        var published = await Eventually.GetAsync(() => Task.FromResult(received.Events.FirstOrDefault()));
        Assert.Equal(created["id"]!.GetValue<string>(), "mp_cus_" + published.CustomerId.ToString("N"));
        Assert.Equal("published@example.com", published.Email);
        Assert.Equal("mx_rfc", published.TaxIdType);
        Assert.Equal("XAXX010101000", published.TaxIdValue);
        Assert.Single(received.Events);
    }

    [Fact]
    public async Task Rebuilding_a_projection_replays_the_log_into_an_empty_read_model()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateMerchantClient();
        var id = (await Json.ReadAsync(await client.PostJsonAsync("/v1/customers", new { email = "rebuild@example.com" })))["id"]!.GetValue<string>();
        await Eventually.GetAsync(() => TryGet(client, id));

        var accepted = await client.PostAsync("/admin/projections/customers/rebuild", null);
        var unknown = await client.PostAsync("/admin/projections/nope/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var again = await Eventually.GetAsync(() => TryGet(client, id), what: "the customer after the rebuild");
        Assert.Equal("rebuild@example.com", again["email"]!.GetValue<string>());
    }

    private static async Task<JsonNode?> TryGet(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/v1/customers/{id}");
        return response.StatusCode == HttpStatusCode.OK ? await Json.ReadAsync(response) : null;
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    private sealed class RecordingHandler : IIntegrationEventHandler<CustomerRegistered>
    {
        public System.Collections.Concurrent.ConcurrentQueue<CustomerRegistered> Events { get; } = new();

        public Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
        {
            Events.Enqueue(integrationEvent);
            return Task.CompletedTask;
        }
    }
}
