using System.Net;
using System.Text.Json.Nodes;

namespace ModularPayments.IntegrationTests;

/// <summary>The merchant event feed: every module's integration events in log order, resumable, filterable.</summary>
public sealed class EventFeedTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _merchant;

    public EventFeedTests() => _merchant = _factory.CreateMerchantClient();

    public void Dispose()
    {
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Paging_with_the_cursor_returns_every_event_once_in_order_and_types_filter()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await Json.ReadAsync(await _merchant.PostJsonAsync("/v1/customers", new { email = $"feed{i}@example.com" })))["id"]!.GetValue<string>());
        }

        // Each customer is registered, then linked to Fintoc by a reactor: eight events in all.
        var everything = await Eventually.GetAsync(async () =>
        {
            var page = (await _merchant.GetNodeAsync("/v1/events?limit=500"))!["data"]!.AsArray();
            return page.Count == 8 ? page : null;
        }, what: "eight feed events");

        var paged = new List<JsonNode>();
        string? cursor = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = (await _merchant.GetNodeAsync("/v1/events?limit=3" + (cursor is null ? "" : "&after=" + cursor)))!;
            paged.AddRange(page["data"]!.AsArray().Select(e => e!));
            cursor = page["next_cursor"]!.GetValue<string>();
            if (!page["has_more"]!.GetValue<bool>())
            {
                break;
            }
        }

        Assert.Equal(everything.Select(e => e!["id"]!.GetValue<string>()), paged.Select(e => e["id"]!.GetValue<string>()));
        Assert.Equal(8, paged.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
        var registered = paged.Where(e => e["type"]!.GetValue<string>() == "customers.customer_registered").ToList();
        Assert.Equal(ids, registered.Select(e => e["data"]!["customer_id"]!.GetValue<string>()));
        Assert.All(paged, e => Assert.Equal("event", e["object"]!.GetValue<string>()));

        var linked = (await _merchant.GetNodeAsync("/v1/events?types=customers.customer_linked_to_fintoc&limit=500"))!["data"]!.AsArray();
        Assert.Equal(4, linked.Count);
        Assert.All(linked, e => Assert.StartsWith("cus_", e!["data"]!["fintoc_customer_id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(linked, e => Assert.StartsWith("mp_cus_", e!["data"]!["customer_id"]!.GetValue<string>(), StringComparison.Ordinal));

        var tail = (await _merchant.GetNodeAsync($"/v1/events?after={cursor}"))!;
        Assert.Empty(tail["data"]!.AsArray());
        Assert.False(tail["has_more"]!.GetValue<bool>());
        Assert.Equal(cursor, tail["next_cursor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/events?after=abc", "after")]
    [InlineData("/v1/events?after=-1", "after")]
    [InlineData("/v1/events?limit=0", "limit")]
    [InlineData("/v1/events?limit=501", "limit")]
    [InlineData("/v1/events?types=,,", "types")]
    public async Task A_bad_query_is_400_naming_the_parameter(string path, string field)
    {
        using var response = await _merchant.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task The_feed_needs_the_merchant_key()
    {
        using var anonymous = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/events")).StatusCode);
    }
}
