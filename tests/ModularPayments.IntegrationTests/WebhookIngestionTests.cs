using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.IntegrationTests;

public sealed class WebhookIngestionTests : IDisposable
{
    public const string Secret = "whsec_integration_tests_secret";
    private const string RotatedOutSecret = "whsec_the_previous_secret";

    private readonly ApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["Fintoc:WebhookSecrets:0"] = Secret,
        ["Fintoc:WebhookSecrets:1"] = RotatedOutSecret,
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_signed_delivery_is_stored_once_and_an_unhandled_type_is_marked_ignored()
    {
        using var client = _factory.CreateClient();
        var body = EventBody("evt_unhandled_1", "account.refresh_intent.succeeded");

        using var response = await PostSignedAsync(client, body, Secret);
        var answer = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer["duplicate"]!.GetValue<bool>());
        var stored = await InboxStreamAsync("evt_unhandled_1");
        Assert.Equal(body, Assert.IsType<WebhookReceived>(Assert.Single(stored.OfType<WebhookReceived>())).Payload);
        var webhook = await AdminEventuallyAsync(client, "evt_unhandled_1", "ignored");
        Assert.Equal("no_handler", webhook["webhook"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delivery_signed_with_the_other_configured_secret_is_accepted_too()
    {
        using var client = _factory.CreateClient();

        using var response = await PostSignedAsync(client, EventBody("evt_rotated_1", "x.y"), RotatedOutSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_redelivery_is_answered_2xx_and_changes_nothing()
    {
        using var client = _factory.CreateClient();
        var body = EventBody("evt_twice_1", "x.y");
        using var first = await PostSignedAsync(client, body, Secret);
        await AdminEventuallyAsync(client, "evt_twice_1", "ignored");
        var head = await HeadAsync();

        using var again = await PostSignedAsync(client, body, Secret);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await Json.ReadAsync(again))["duplicate"]!.GetValue<bool>());
        Assert.Equal(head, await HeadAsync());
        Assert.Single((await InboxStreamAsync("evt_twice_1")).OfType<WebhookReceived>());
    }

    public static TheoryData<string, string> RefusedSignatures => new()
    {
        { "missing", "missing_header" },
        { "garbage", "malformed_header" },
        { "wrong secret", "signature_mismatch" },
        { "stale", "timestamp_too_old" },
        { "future", "timestamp_in_future" },
        { "no v1", "missing_signature" },
        { "tampered body", "signature_mismatch" },
    };

    [Theory]
    [MemberData(nameof(RefusedSignatures))]
    public async Task A_bad_signature_is_refused_with_400_and_its_reason_and_changes_nothing(string kind, string reason)
    {
        using var client = _factory.CreateClient();
        var body = EventBody("evt_refused_" + reason, "x.y");
        var now = Now();
        var header = kind switch
        {
            "missing" => null,
            "garbage" => "garbage",
            "wrong secret" => FintocWebhookSigner.Sign(body, "whsec_someone_else", now),
            "stale" => FintocWebhookSigner.Sign(body, Secret, now.AddSeconds(-400)),
            "future" => FintocWebhookSigner.Sign(body, Secret, now.AddSeconds(400)), // far enough that a slow machine cannot bring it back in
            "no v1" => $"t={now.ToUnixTimeSeconds()}",
            _ => FintocWebhookSigner.Sign(body, Secret, now),
        };
        var sent = kind == "tampered body" ? body.Replace("x.y", "x.z", StringComparison.Ordinal) : body;
        var head = await HeadAsync();

        using var response = await PostAsync(client, sent, header);
        var problem = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_signature", problem["code"]!.GetValue<string>());
        Assert.Equal(reason, problem["reason"]!.GetValue<string>());
        Assert.Equal(head, await HeadAsync());
    }

    [Theory]
    [InlineData("not json at all", "body")]
    [InlineData("""{"type":"x.y","data":{}}""", "id")]
    [InlineData("""{"id":"evt_1","data":{}}""", "type")]
    [InlineData("""{"id":"evt_1","type":"x.y"}""", "data")]
    [InlineData("""{"id":"evt_1","type":"x.y","data":[1]}""", "data")]
    [InlineData("""{"id":"evt/../1","type":"x.y","data":{}}""", "id")]
    [InlineData("""{"id":"evt_1","type":"x.y","created_at":"yesterday","data":{}}""", "created_at")]
    public async Task A_signed_body_that_is_not_a_fintoc_event_is_refused_naming_the_field(string body, string field)
    {
        using var client = _factory.CreateClient();
        var head = await HeadAsync();

        using var response = await PostSignedAsync(client, body, Secret);
        var problem = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_event", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var client = _factory.CreateClient();
        var body = EventBody("evt_huge", "x.y", padding: new string('a', 70_000));

        using var response = await PostSignedAsync(client, body, Secret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_seed_payload_shapes_are_accepted_byte_for_byte()
    {
        using var client = _factory.CreateClient();

        foreach (var (id, body) in SeedPayloads.All)
        {
            using var response = await PostSignedAsync(client, body, Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(body, Assert.Single((await InboxStreamAsync(id)).OfType<WebhookReceived>()).Payload);
        }
    }

    [Fact]
    public async Task The_webhook_needs_no_merchant_key_but_admin_routes_do()
    {
        using var anonymous = _factory.CreateClient();

        using var admin = await anonymous.GetAsync("/admin/webhooks");
        using var webhook = await PostSignedAsync(anonymous, EventBody("evt_anonymous", "x.y"), Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
    }

    [Fact]
    public async Task Admin_filters_validate_and_unknown_ids_are_404()
    {
        using var merchant = _factory.CreateMerchantClient();

        using var badStatus = await merchant.GetAsync("/admin/webhooks?status=weird");
        using var badLimit = await merchant.GetAsync("/admin/webhooks?limit=0");
        using var unknown = await merchant.GetAsync("/admin/webhooks/evt_nope");
        using var reprocessUnknown = await merchant.PostAsync("/admin/webhooks/evt_nope/reprocess", null);

        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.NotNull((await Json.ReadAsync(badStatus))["errors"]!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reprocessUnknown.StatusCode);
    }

    public static string EventBody(string id, string type, string padding = "") =>
        $$$"""{"id":"{{{id}}}","object":"event","type":"{{{type}}}","mode":"test","created_at":"2026-11-30T12:00:00Z","data":{"id":"obj_1","note":"{{{padding}}}"}}""";

    private DateTimeOffset Now() => _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string body, string secret) =>
        PostAsync(client, body, FintocWebhookSigner.Sign(body, secret, Now()));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fintoc") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, signature);
        }

        return client.SendAsync(request);
    }

    private Task<long> HeadAsync() => _factory.Services.GetRequiredService<IEventStore>().ReadHeadPositionAsync();

    private async Task<List<object>> InboxStreamAsync(string eventId)
    {
        var serializer = _factory.Services.GetRequiredService<BuildingBlocks.EventSourcing.EventSerializer>();
        var events = new List<object>();
        await foreach (var record in _factory.Services.GetRequiredService<IEventStore>().ReadStreamAsync(WebhookInboxStreams.Of(eventId), ReadDirection.Forwards, 0, long.MaxValue))
        {
            events.Add(serializer.Deserialize(record)!);
        }

        return events;
    }

    private async Task<JsonNode> AdminEventuallyAsync(HttpClient _, string eventId, string status)
    {
        using var merchant = _factory.CreateMerchantClient();
        return await Eventually.GetAsync(
            async () =>
            {
                using var response = await merchant.GetAsync($"/admin/webhooks/{eventId}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                var node = await Json.ReadAsync(response);
                return node["webhook"]!["status"]!.GetValue<string>() == status ? node : null;
            },
            what: $"webhook {eventId} {status}");
    }
}
