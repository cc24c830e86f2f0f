using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.IntegrationTests.Charges;

/// <summary>Every invalid charge request is a clear 4xx naming the field, and the event store head does not move.</summary>
public sealed class ChargeInputTests : IDisposable
{
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _anonymous;
    private readonly HttpClient _merchant;
    private readonly ChargeFlow _flow;

    public ChargeInputTests()
    {
        _anonymous = _factory.CreateClient();
        _merchant = _factory.CreateMerchantClient();
        _flow = new ChargeFlow(_anonymous, _merchant);
    }

    public void Dispose()
    {
        _anonymous.Dispose();
        _merchant.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Each_invalid_request_is_a_4xx_naming_the_field_and_stores_nothing()
    {
        var (customer, method) = await _flow.ActiveMethodAsync("card");
        var methodId = method["id"]!.GetValue<string>();
        var other = await _flow.Setup.RegisterCustomerAsync(TestRuts.Next(), "other@example.com");
        var pendingSession = await _flow.Setup.CreateSessionAsync(other, "pac");
        await _flow.Setup.CompleteAsync(pendingSession, SetupFlow.PacSuccess);
        var pendingMethodId = (await _flow.Setup.MethodEventuallyAsync(other, "pending"))["id"]!.GetValue<string>();
        await _flow.Setup.SettledAsync();

        string Body(string amount = "5000", string currency = "\"CLP\"", string? method = null, string? customerId = null, string extra = "") =>
            $$"""{"customer_id":"{{customerId ?? customer}}","payment_method_id":"{{method ?? methodId}}","amount":{{amount}},"currency":{{currency}}{{extra}}}""";
        var cases = new List<(string Because, string Body, HttpStatusCode Status, string Field)>
        {
            ("negative amount", Body("-5000"), HttpStatusCode.BadRequest, "amount"),
            ("zero amount", Body("0"), HttpStatusCode.BadRequest, "amount"),
            ("fractional amount", Body("5000.5"), HttpStatusCode.BadRequest, "amount"),
            ("amount in a string", Body("\"5000\""), HttpStatusCode.BadRequest, "amount"),
            ("CLP with decimals", Body("5000.00"), HttpStatusCode.BadRequest, "amount"),
            ("missing amount", $$"""{"customer_id":"{{customer}}","payment_method_id":"{{methodId}}","currency":"CLP"}""", HttpStatusCode.BadRequest, "amount"),
            ("amount above the maximum", Body("10000001"), HttpStatusCode.BadRequest, "amount"),
            ("unknown currency", Body(currency: "\"USD\""), HttpStatusCode.BadRequest, "currency"),
            ("MXN on a CLP method", Body(currency: "\"MXN\""), HttpStatusCode.BadRequest, "currency"),
            ("unknown method", Body(method: "mp_pm_" + Guid.NewGuid().ToString("N")), HttpStatusCode.BadRequest, "payment_method_id"),
            ("malformed method id", Body(method: "pm_123"), HttpStatusCode.BadRequest, "payment_method_id"),
            ("inactive (pending) method", Body(method: pendingMethodId, customerId: other), HttpStatusCode.BadRequest, "payment_method_id"),
            ("another customer's method", Body(method: pendingMethodId), HttpStatusCode.BadRequest, "payment_method_id"),
            ("unknown customer", Body(customerId: "mp_cus_" + Guid.NewGuid().ToString("N")), HttpStatusCode.BadRequest, "customer_id"),
            ("both method and subscription", Body(extra: ",\"subscription_id\":\"sub_123\""), HttpStatusCode.BadRequest, "payment_method_id"),
            ("too many metadata keys", Body(extra: ",\"metadata\":{" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"k{i}\":\"v\"")) + "}"), HttpStatusCode.BadRequest, "metadata"),
            ("our reserved metadata key", Body(extra: ",\"metadata\":{\"mp_charge_id\":\"x\"}"), HttpStatusCode.BadRequest, "metadata.mp_charge_id"),
            ("65 KiB of metadata", Body(extra: ",\"metadata\":{\"note\":\"" + new string('x', 65 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge, "body"),
        };

        var head = await HeadAsync();
        var problems = new List<string>();
        foreach (var (because, body, status, field) in cases)
        {
            using var response = await _flow.PostRawAsync(new StringContent(body, Encoding.UTF8, "application/json"), "bad-" + because.Replace(' ', '-'));
            var problem = await Json.ReadAsync(response);
            var named = status == HttpStatusCode.RequestEntityTooLarge
                ? problem["code"]?.GetValue<string>() == "body_too_large"
                : problem["errors"]?[field] is not null;
            if (response.StatusCode != status || !named || string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()))
            {
                problems.Add($"{because}: {(int)response.StatusCode} {problem.ToJsonString()[..Math.Min(400, problem.ToJsonString().Length)]}");
            }

            if (await HeadAsync() != head)
            {
                problems.Add($"{because}: the event store head moved");
                head = await HeadAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty((await _merchant.GetNodeAsync($"/v1/charges?customer_id={customer}"))!["data"]!.AsArray());
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("created_after=yesterday", "created_after")]
    [InlineData("created_before=2026-11-30T12:00:00", "created_before")]
    [InlineData("starting_after=ch_123", "starting_after")]
    [InlineData("payment_method_id=pm_1", "payment_method_id")]
    public async Task A_bad_list_filter_is_400_naming_it(string query, string field)
    {
        using var response = await _merchant.GetAsync("/v1/charges?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task An_unknown_charge_is_404()
    {
        using var byId = await _merchant.GetAsync("/v1/charges/mp_ch_" + Guid.NewGuid().ToString("N"));
        using var timeline = await _merchant.GetAsync("/v1/charges/mp_ch_" + Guid.NewGuid().ToString("N") + "/timeline");
        using var fintocId = await _merchant.GetAsync("/v1/charges/ch_123");

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fintocId.StatusCode);
    }

    private Task<long> HeadAsync() => _factory.Services.GetRequiredService<IEventStore>().ReadHeadPositionAsync();
}
