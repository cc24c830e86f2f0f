using System.Net;

namespace ModularPayments.IntegrationTests.Mandates;

/// <summary><c>GET /v1/mandates</c>: newest first, filtered, and paged with <c>limit</c> and <c>starting_after</c>.</summary>
public sealed class MandateListTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly MandateFlow _flow;

    public MandateListTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new MandateFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Pages_walk_every_mandate_of_a_customer_newest_first_once()
    {
        var (customerId, method) = await _flow.Charges.ActiveMethodAsync("card");
        var schedule = new { frequency = "weekly", weekday = "monday", start_date = "2030-01-07" };
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await _flow.CreateAsync(MandateFlow.MethodMandate(customerId, method["id"]!.GetValue<string>(), 10_000 + i, schedule)))["id"]!.GetValue<string>());
        }

        var seen = new List<string>();
        var hasMore = new List<bool>();
        string? after = null;
        await Eventually.GetAsync(
            async () => (await _merchant.GetNodeAsync($"/v1/mandates?customer_id={customerId}"))!["data"]!.AsArray().Count == 5 ? "projected" : null,
            TimeSpan.FromSeconds(30),
            "the five mandates in the list");
        do
        {
            var page = (await _merchant.GetNodeAsync($"/v1/mandates?customer_id={customerId}&limit=2" + (after is null ? "" : "&starting_after=" + after)))!;
            var ids = page["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
            seen.AddRange(ids);
            hasMore.Add(page["has_more"]!.GetValue<bool>());
            after = ids.LastOrDefault();
        }
        while (hasMore[^1]);

        Assert.Equal(Enumerable.Reverse(created), seen);
        Assert.Equal([true, true, false], hasMore);
    }

    [Theory]
    [InlineData("starting_after=not-an-id", "starting_after")]
    [InlineData("limit=101", "limit")]
    [InlineData("status=sleeping", "status")]
    public async Task A_bad_list_parameter_is_400_naming_it(string query, string field)
    {
        using var response = await _merchant.GetAsync("/v1/mandates?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task A_cursor_naming_no_mandate_is_400_invalid_cursor()
    {
        using var response = await _merchant.GetAsync($"/v1/mandates?starting_after=mp_mdt_{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_cursor", (await Json.ReadAsync(response))["code"]!.GetValue<string>());
    }
}
