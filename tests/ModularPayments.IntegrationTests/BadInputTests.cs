using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.IntegrationTests;

/// <summary>Every malformed request gets a clear 4xx problem and leaves the event store exactly as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _client;

    public BadInputTests() => _client = _factory.CreateMerchantClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadBodies => new()
    {
        { "malformed JSON", "{\"email\": \"a@example.com\",", HttpStatusCode.BadRequest, null },
        { "not JSON at all", "email=a@example.com", HttpStatusCode.BadRequest, null },
        { "wrong type for a string", "{\"email\": 42}", HttpStatusCode.BadRequest, "email" },
        { "wrong type for an object", "{\"email\": \"a@example.com\", \"tax_id\": \"123456785\"}", HttpStatusCode.BadRequest, "tax_id" },
        { "number in metadata", "{\"email\": \"a@example.com\", \"metadata\": {\"n\": 1}}", HttpStatusCode.BadRequest, "metadata.n" },
        { "unknown field", "{\"emial\": \"a@example.com\"}", HttpStatusCode.BadRequest, "emial" },
        { "neither email nor tax id", "{\"name\": \"Nobody\"}", HttpStatusCode.BadRequest, "email" },
        { "invalid email", "{\"email\": \"not-an-email\"}", HttpStatusCode.BadRequest, "email" },
        { "RUT with a wrong check digit", "{\"tax_id\": {\"type\": \"cl_rut\", \"value\": \"12.345.678-9\"}}", HttpStatusCode.BadRequest, "tax_id.value" },
        { "RUT with letters", "{\"tax_id\": {\"type\": \"cl_rut\", \"value\": \"12.34A.678-5\"}}", HttpStatusCode.BadRequest, "tax_id.value" },
        { "RFC with an impossible date", "{\"tax_id\": {\"type\": \"mx_rfc\", \"value\": \"GODE561331GR8\"}}", HttpStatusCode.BadRequest, "tax_id.value" },
        { "RFC of the wrong length", "{\"tax_id\": {\"type\": \"mx_rfc\", \"value\": \"GODE5612\"}}", HttpStatusCode.BadRequest, "tax_id.value" },
        { "unknown tax id type", "{\"tax_id\": {\"type\": \"us_ssn\", \"value\": \"123-45-6789\"}}", HttpStatusCode.BadRequest, "tax_id.type" },
        { "tax id without a value", "{\"tax_id\": {\"type\": \"cl_rut\"}}", HttpStatusCode.BadRequest, "tax_id.value" },
        { "name too long", "{\"email\": \"a@example.com\", \"name\": \"" + new string('n', 201) + "\"}", HttpStatusCode.BadRequest, "name" },
        { "empty body", "", HttpStatusCode.BadRequest, null },
        { "JSON null", "null", HttpStatusCode.BadRequest, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_4xx_problem_naming_the_field_and_stores_nothing(string because, string body, HttpStatusCode expected, string? field)
    {
        var before = await HeadAsync();

        var response = await _client.PostAsync("/v1/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(expected == response.StatusCode, $"{because}: expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), because + ": the problem explains itself");
        if (field is not null)
        {
            Assert.True(problem["errors"]?[field] is not null, $"{because}: errors should name '{field}' in {problem.ToJsonString()}");
        }

        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_stores_nothing()
    {
        var before = await HeadAsync();
        var body = "{\"email\": \"a@example.com\", \"name\": \"" + new string('x', 70 * 1024) + "\"}";

        var response = await _client.PostAsync("/v1/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body_too_large", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"email\": \"a@example.com\", \"name\": \"" + new string('x', 70 * 1024) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var response = await _client.PostAsync("/v1/customers", new StringContent("{\"email\": \"a@example.com\"}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-0123456789")]
    [InlineData("Basic bXBfZGV2X2xvY2FsX3NpbXVsYXRvcl9vbmx5Og==")]
    [InlineData("Bearer")]
    public async Task A_missing_or_wrong_api_key_is_401_and_stores_nothing(string? authorization)
    {
        var before = await HeadAsync();
        using var anonymous = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = Json.Body(new { email = "a@example.com" }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthorized", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
        Assert.DoesNotContain(ApiFactory.DevelopmentKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task Reads_need_the_api_key_too()
    {
        using var anonymous = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/customers/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/admin/projections/customers/rebuild", null)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _client.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private Task<long> HeadAsync() => _factory.Services.GetRequiredService<IEventStore>().ReadHeadPositionAsync();
}
