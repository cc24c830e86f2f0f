using System.Text.Json.Nodes;

namespace ModularPayments.Fintoc.Simulator.Tests;

public sealed class ApiTests
{
    private static readonly object Felipe = new { name = "Felipe", email = "Felipe@Example.CL", tax_id = new { type = "cl_rut", value = "11.111.111-1" } };

    [Theory]
    [InlineData(null)]
    [InlineData("sk_test_wrong")]
    [InlineData("Bearer sk_test_wrong")]
    public async Task A_bad_or_missing_key_is_401_in_fintocs_error_shape(string? key)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, body, _) = await sim.SendAsync(HttpMethod.Get, "v2/customers", key: key);

        Assert.Equal(401, status);
        Assert.Equal("authentication_error", body!["error"]!["type"]!.GetValue<string>());
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_bearer_form_of_the_key_is_accepted_too()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, _, _) = await sim.SendAsync(HttpMethod.Get, "v2/customers", key: "Bearer " + SimulatorHost.Key);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_customer_is_normalised_like_fintoc_and_can_be_read_back()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var created = await sim.PostOkAsync("v2/customers", Felipe);
        var read = await sim.GetOkAsync($"v2/customers/{created["id"]}");

        Assert.StartsWith("cus_", created["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("felipe@example.cl", read["email"]!.GetValue<string>());
        Assert.Equal("111111111", read["tax_id"]!["value"]!.GetValue<string>());
        Assert.Equal("test", read["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}", "email")]
    [InlineData("{\"tax_id\":{\"type\":\"cl_rut\"}}", "tax_id.value")]
    [InlineData("{\"tax_id\":{\"type\":\"cl_rut\",\"value\":\"11.111.111-2\"}}", "tax_id.value")]
    [InlineData("{\"tax_id\":{\"type\":\"pe_ruc\",\"value\":\"1\"}}", "tax_id.type")]
    [InlineData("{\"email\":42}", "email")]
    [InlineData("{\"email\":\"a@b.cl\",\"metadata\":{\"nested\":{\"x\":1}}}", "metadata.nested")]
    public async Task Invalid_parameters_are_400_naming_the_param(string body, string param)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, json, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", body);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", json!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(param, json["error"]!["param"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public async Task Malformed_json_is_400_invalid_json(string body)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, json, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", body);

        Assert.Equal(400, status);
        Assert.Equal("invalid_json", json!["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v2/customers/cus_missing")]
    [InlineData("v2/payment_intents/pi_missing")]
    [InlineData("v1/charges/ch_missing")]
    [InlineData("v2/no_such_resource")]
    public async Task Unknown_ids_and_urls_are_404(string path)
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, json, _) = await sim.SendAsync(HttpMethod.Get, path);

        Assert.Equal(404, status);
        Assert.NotNull(json!["error"]!["code"]);
    }

    [Fact]
    public async Task A_duplicate_tax_id_is_409_whichever_way_the_rut_is_written_and_through_customer_data()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var first = await sim.PostOkAsync("v2/customers", Felipe);

        var (status, json, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", new { email = "other@x.cl", tax_id = new { type = "cl_rut", value = "111111111" } });
        var (sessionStatus, sessionJson, _) = await sim.SendAsync(HttpMethod.Post, "v2/checkout_sessions", new
        {
            flow = "setup", currency = "CLP", success_url = "https://m.cl/ok", cancel_url = "https://m.cl/no",
            customer_data = new { tax_id = new { type = "cl_rut", value = "11111111-1" } },
        });

        Assert.Equal(409, status);
        Assert.Equal("customer_already_exists", json!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(first["id"]!.GetValue<string>(), json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(409, sessionStatus);
        Assert.Equal("customer_data.tax_id", sessionJson!["error"]!["param"]!.GetValue<string>());
        Assert.Single((await sim.GetOkAsync("v2/customers")).AsArray());
    }

    [Fact]
    public async Task The_first_answer_to_an_idempotency_key_is_replayed_and_other_parameters_are_refused()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (firstStatus, first, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", Felipe, "key-1");
        var (againStatus, again, againResponse) = await sim.SendAsync(HttpMethod.Post, "v2/customers", Felipe, "key-1");
        var (otherStatus, other, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", new { email = "x@y.cl" }, "key-1");

        Assert.Equal(201, firstStatus);
        Assert.Equal(201, againStatus);
        Assert.Equal(first!["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        Assert.Equal("true", againResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(409, otherStatus);
        Assert.Equal("idempotency_key_reused", other!["error"]!["code"]!.GetValue<string>());
        Assert.Single((await sim.GetOkAsync("v2/customers")).AsArray());
    }

    [Fact]
    public async Task An_error_is_stored_under_its_key_and_replayed_too()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var bad = new { amount = 1000, currency = "CLP", subscription_id = "sub_missing" };

        var (first, _, _) = await sim.SendAsync(HttpMethod.Post, "v1/charges", bad, "charge-1");
        var (second, _, response) = await sim.SendAsync(HttpMethod.Post, "v1/charges", bad, "charge-1");

        Assert.Equal(400, first);
        Assert.Equal(400, second);
        Assert.True(response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_idempotency_key_over_255_characters_is_refused()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var (status, json, _) = await sim.SendAsync(HttpMethod.Post, "v2/customers", Felipe, new string('k', 256));

        Assert.Equal(400, status);
        Assert.Equal("Idempotency-Key", json!["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task V2_lists_page_newest_first_with_a_next_link_until_the_end()
    {
        await using var sim = await SimulatorHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await sim.PostOkAsync("v2/customers", new { email = $"c{i}@x.cl" });
        }

        var emails = new List<string>();
        var url = "v2/customers?limit=2";
        var pages = 0;
        while (url is not null)
        {
            var (_, body, response) = await sim.SendAsync(HttpMethod.Get, url);
            pages++;
            emails.AddRange(body!.AsArray().Select(c => c!["email"]!.GetValue<string>()));
            url = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["c4@x.cl", "c3@x.cl", "c2@x.cl", "c1@x.cl", "c0@x.cl"], emails);
    }

    [Fact]
    public async Task V1_lists_carry_first_prev_next_and_last_links()
    {
        await using var sim = await SimulatorHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await sim.PostOkAsync("v1/webhook_endpoints", new { url = $"https://m.cl/hook{i}", enabled_events = new[] { "charge.succeeded" } });
        }

        var (_, body, response) = await sim.SendAsync(HttpMethod.Get, "v1/webhook_endpoints?page=2&per_page=1");
        var link = response.Headers.GetValues("Link").Single();

        Assert.Single(body!.AsArray());
        Assert.Contains("page=1&per_page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1&per_page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&per_page=1>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&per_page=1>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.Null(body[0]!["secret"]);
    }

    [Fact]
    public async Task A_customers_list_filters_by_tax_id_in_any_format()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await sim.PostOkAsync("v2/customers", Felipe);
        await sim.PostOkAsync("v2/customers", new { email = "z@x.cl" });

        var found = await sim.GetOkAsync("v2/customers?tax_id=11.111.111-1");

        Assert.Equal("felipe@example.cl", Assert.Single(found.AsArray())!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_endpoints_secret_is_shown_only_when_created()
    {
        await using var sim = await SimulatorHost.StartAsync();

        var created = await sim.PostOkAsync("v1/webhook_endpoints", new { url = "https://m.cl/hook", enabled_events = new[] { "*" } });
        var (deleteStatus, deleted, _) = await sim.SendAsync(HttpMethod.Delete, $"v1/webhook_endpoints/{created["id"]}");

        Assert.StartsWith("whsec_test_", created["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, deleteStatus);
        Assert.Null(deleted!["secret"]);
        Assert.Empty((await sim.GetOkAsync("v1/webhook_endpoints")).AsArray());
    }

    private static string? NextLink(string header) =>
        header.Split(',').Select(part => part.Trim()).Where(part => part.EndsWith("rel=\"next\"", StringComparison.Ordinal))
            .Select(part => part[1..part.IndexOf('>', StringComparison.Ordinal)]).FirstOrDefault();
}

public sealed class HostedPageInputTests
{
    [Theory]
    [InlineData("checkout/{0}/pac")]
    [InlineData("checkout/{0}/card")]
    public async Task A_hosted_page_post_that_is_not_a_form_is_415_and_changes_nothing(string route)
    {
        await using var sim = await SimulatorHost.StartAsync();
        var session = await sim.PostOkAsync("v2/checkout_sessions", new { flow = "setup", currency = "CLP", success_url = "https://m.cl/ok", cancel_url = "https://m.cl/no", customer_data = new { email = "a@b.cl" } });
        var id = session["id"]!.GetValue<string>();

        using var response = await sim.Client.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id), new StringContent("{\"username\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("created", (await sim.GetOkAsync($"v2/checkout_sessions/{id}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_checkout_page_is_404_and_a_wrong_widget_token_is_refused()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var intent = await sim.PostOkAsync("v1/subscription_intents", new { });

        using var checkout = await sim.Client.GetAsync("checkout/cs_nope");
        using var widget = await sim.Client.GetAsync($"widget/subscription_intents/{intent["id"]}?widget_token=wrong");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, checkout.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, widget.StatusCode);
    }
}
