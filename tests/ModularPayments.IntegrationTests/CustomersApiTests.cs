using System.Net;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests;

public sealed class CustomersApiTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _client;

    public CustomersApiTests() => _client = _factory.CreateMerchantClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Registering_a_customer_answers_201_with_normalised_values_and_it_becomes_readable()
    {
        var rut = TestRuts.Next();
        var response = await _client.PostJsonAsync("/v1/customers", new
        {
            name = "  Jon Snow ",
            email = "Jon.Snow@Example.COM",
            tax_id = new { type = "cl_rut", value = rut.ToLowerInvariant() },
            metadata = new Dictionary<string, string> { ["crm_id"] = "42" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var id = body["id"]!.GetValue<string>();
        Assert.Matches("^mp_cus_[0-9a-f]{32}$", id);
        Assert.Equal("customer", body["object"]!.GetValue<string>());
        Assert.Equal("Jon Snow", body["name"]!.GetValue<string>());
        Assert.Equal("jon.snow@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("cl_rut", body["tax_id"]!["type"]!.GetValue<string>());
        Assert.Equal(TestRuts.Written(rut), body["tax_id"]!["value"]!.GetValue<string>());
        Assert.Equal("42", body["metadata"]!["crm_id"]!.GetValue<string>());
        Assert.Equal($"/v1/customers/{id}", response.Headers.Location!.OriginalString);

        var fetched = await Eventually.GetAsync(() => TryGetAsync(id), what: "the customer in the read model");
        // The Fintoc link is made in the background: the read model may already carry it.
        body.AsObject().Remove("fintoc_customer_id");
        fetched.AsObject().Remove("fintoc_customer_id");
        Assert.Equal(body.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task An_rfc_is_stored_uppercase()
    {
        var response = await _client.PostJsonAsync("/v1/customers", new { tax_id = new { type = "mx_rfc", value = "gode561231gr8" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("GODE561231GR8", (await Json.ReadAsync(response))["tax_id"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_rut_in_another_format_is_a_409_naming_the_existing_customer()
    {
        var rut = TestRuts.Next();
        var first = await Json.ReadAsync(await _client.PostJsonAsync("/v1/customers", new { email = "a@example.com", tax_id = new { type = "cl_rut", value = rut } }));

        var second = await _client.PostJsonAsync("/v1/customers", new { email = "b@example.com", tax_id = new { type = "cl_rut", value = TestRuts.Normalized(rut) } });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await Json.ReadAsync(second);
        Assert.Equal("tax_id_taken", problem["code"]!.GetValue<string>());
        Assert.Equal(first["id"]!.GetValue<string>(), problem["existing_customer_id"]!.GetValue<string>());
        Assert.Contains(first["id"]!.GetValue<string>(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Racing_registrations_of_one_rut_give_exactly_one_201_and_409s_naming_the_winner()
    {
        var rut = TestRuts.Next();
        var formats = new[] { rut, TestRuts.Normalized(rut), rut.Replace(".", "", StringComparison.Ordinal) };
        var attempts = Enumerable.Range(0, 12)
            .Select(i => _client.PostJsonAsync("/v1/customers", new { email = $"racer{i}@example.com", tax_id = new { type = "cl_rut", value = formats[i % formats.Length] } }));

        var responses = await Task.WhenAll(attempts);

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Single(created);
        Assert.Equal(responses.Length - 1, conflicts.Count);
        var winner = (await Json.ReadAsync(created[0]))["id"]!.GetValue<string>();
        foreach (var conflict in conflicts)
        {
            Assert.Equal(winner, (await Json.ReadAsync(conflict))["existing_customer_id"]!.GetValue<string>());
        }

        var listed = await Eventually.GetAsync(
            async () => (await _client.GetNodeAsync($"/v1/customers?tax_id={TestRuts.Normalized(rut)}"))!["data"]!.AsArray() is { Count: > 0 } data ? data : null);
        Assert.Single(listed);
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_and_refuses_other_parameters()
    {
        var key = "register-" + Guid.NewGuid();
        var body = new { email = "idem@example.com", tax_id = new { type = "cl_rut", value = TestRuts.Next() } };

        var first = await Send(key, body);
        var repeat = await Send(key, body);
        var changed = await Send(key, new { email = "other@example.com" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        // The same customer, as it is now: the background Fintoc link may have been added in between.
        var firstBody = (await Json.ReadAsync(first)).AsObject();
        var repeatBody = (await Json.ReadAsync(repeat)).AsObject();
        firstBody.Remove("fintoc_customer_id");
        repeatBody.Remove("fintoc_customer_id");
        Assert.Equal(firstBody.ToJsonString(), repeatBody.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("idempotency_key_reused", (await Json.ReadAsync(changed))["code"]!.GetValue<string>());

        async Task<HttpResponseMessage> Send(string idempotencyKey, object payload)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = Json.Body(payload) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await _client.SendAsync(request);
        }
    }

    [Fact]
    public async Task Listing_is_newest_first_with_cursor_pagination_and_filters()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await _client.PostJsonAsync("/v1/customers", new { email = $"page{i}-{marker}@example.com", metadata = new Dictionary<string, string> { ["batch"] = marker } });
            ids.Add((await Json.ReadAsync(created))["id"]!.GetValue<string>());
        }

        await Eventually.GetAsync(() => TryGetAsync(ids[^1]));
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await _client.GetNodeAsync("/v1/customers?limit=2" + (cursor is null ? "" : $"&starting_after={cursor}")))!;
            var data = page["data"]!.AsArray();
            Assert.InRange(data.Count, 1, 2);
            seen.AddRange(data.Select(c => c!["id"]!.GetValue<string>()));
            cursor = seen[^1];
            pages++;
            if (!page["has_more"]!.GetValue<bool>())
            {
                break;
            }
        }
        while (pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        var byEmail = (await _client.GetNodeAsync($"/v1/customers?email=PAGE3-{marker.ToUpperInvariant()}@example.com"))!["data"]!.AsArray();
        Assert.Equal(ids[3], Assert.Single(byEmail)!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/customers?limit=0", "limit")]
    [InlineData("/v1/customers?limit=101", "limit")]
    [InlineData("/v1/customers?limit=ten", "limit")]
    [InlineData("/v1/customers?starting_after=not-an-id", "starting_after")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string path, string field)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task A_cursor_naming_no_customer_is_400()
    {
        var response = await _client.GetAsync($"/v1/customers?starting_after={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_cursor", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/customers/3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("/v1/customers/not-a-uuid")]
    public async Task An_unknown_id_is_404(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("not_found", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
    }

    private async Task<JsonNode?> TryGetAsync(string id)
    {
        var response = await _client.GetAsync($"/v1/customers/{id}");
        return response.StatusCode == HttpStatusCode.OK ? await Json.ReadAsync(response) : null;
    }
}
