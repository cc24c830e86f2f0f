using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Resources;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.IntegrationTests;

/// <summary>Without a Fintoc key the simulator is mounted in the service, the client points at it and the clock is shared.</summary>
public sealed class FintocProviderTests
{
    [Fact]
    public async Task By_default_the_client_talks_to_the_simulator_mounted_in_the_service()
    {
        using var factory = new ApiFactory();
        using var http = factory.CreateClient();
        var fintoc = factory.Services.GetRequiredService<IFintocClient>();

        var customer = await fintoc.Customers.CreateAsync(new CreateCustomerRequest("Jon", "jon@example.cl", new FintocTaxId("cl_rut", "11.111.111-1")), "mirror-1");
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/simulator/v2/customers/{customer.Id}");
        read.Headers.TryAddWithoutValidation("Authorization", "sk_test_simulator");
        using var response = await http.SendAsync(read);
        var health = await http.GetFromJsonAsync<JsonNode>("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("111111111", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tax_id"]!["value"]!.GetValue<string>());
        Assert.Equal("simulator", health!["payments_provider"]!["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_service_runs_on_the_simulators_clock()
    {
        using var factory = new ApiFactory();
        using var http = factory.CreateClient();
        var clock = factory.Services.GetRequiredService<TimeProvider>();

        using var advance = await http.PostAsJsonAsync("/simulator/test-helpers/clock/advance", new { seconds = 3 * 86_400 });
        using var merchant = factory.CreateMerchantClient();
        using var created = await merchant.PostAsJsonAsync("/v1/customers", new { name = "Ana", email = "ana@example.cl" });
        var customer = await created.Content.ReadFromJsonAsync<JsonNode>();

        Assert.IsType<SimulatorClock>(clock);
        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        var createdAt = DateTimeOffset.Parse(customer!["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(createdAt > DateTimeOffset.UtcNow.AddDays(2), $"created_at {createdAt:O} should be on the advanced clock");
    }

    [Fact]
    public async Task The_simulator_keeps_its_own_error_shape_inside_the_service()
    {
        using var factory = new ApiFactory();
        using var http = factory.CreateClient();

        using var unauthorized = await http.GetAsync("/simulator/v2/customers");
        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/simulator/v2/customers") { Content = new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json") };
        malformed.Headers.TryAddWithoutValidation("Authorization", "sk_test_simulator");
        using var bad = await http.SendAsync(malformed);
        using var merchantWithoutKey = await http.GetAsync("/v1/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("invalid_api_key", JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_json", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, merchantWithoutKey.StatusCode);
    }

    [Fact]
    public async Task With_a_real_fintoc_key_there_is_no_simulator_and_the_client_points_at_fintoc()
    {
        using var factory = new ApiFactory(new()
        {
            ["Fintoc:SecretKey"] = "sk_live_configured_for_this_test_only",
            ["Merchant:ApiKeys:0"] = "merchant-key-0123456789",
        });
        using var http = factory.CreateClient();

        using var simulator = await http.GetAsync("/simulator/test-helpers/clock");
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<global::ModularPayments.Fintoc.FintocOptions>>().Value;
        var health = await http.GetFromJsonAsync<JsonNode>("/health");

        Assert.Equal(HttpStatusCode.NotFound, simulator.StatusCode);
        Assert.Equal(new Uri("https://api.fintoc.com/"), options.BaseAddress);
        Assert.Same(TimeProvider.System, factory.Services.GetRequiredService<TimeProvider>());
        Assert.Equal("fintoc", health!["payments_provider"]!["provider"]!.GetValue<string>());
        Assert.DoesNotContain("sk_live", health.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fintoc:RequestsPerSecond", "500", "Fintoc:RequestsPerSecond")]
    [InlineData("Fintoc:SecretKey", "pk_live_public_key", "Fintoc:SecretKey")]
    public void Bad_fintoc_settings_stop_the_host_naming_the_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Fintoc:SecretKey"] = "sk_live_configured_for_this_test_only", ["Merchant:ApiKeys:0"] = "merchant-key-0123456789", [key] = value };
        using var factory = new ApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pk_live_public_key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_simulator_setting_stops_the_host_naming_it()
    {
        using var factory = new ApiFactory(new() { ["Simulator:ChargeSettlementBusinessDays"] = "9" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Simulator:ChargeSettlementBusinessDays", error.ToString(), StringComparison.Ordinal);
    }
}
