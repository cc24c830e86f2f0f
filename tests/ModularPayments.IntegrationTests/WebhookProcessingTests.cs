using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.EventStore.Sqlite;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.IntegrationTests;

/// <summary>The inbox reactor: poison events are parked without blocking the rest, reprocessed on request, and two instances on one store record each outcome once.</summary>
public sealed class WebhookProcessingTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Fintoc:WebhookSecrets:0"] = WebhookIngestionTests.Secret,
        ["Reactors:MaxAttempts"] = "3",
        ["Reactors:FirstRetryDelay"] = "00:00:00.010",
        ["Reactors:MaxRetryDelay"] = "00:00:00.050",
    };

    [Fact]
    public async Task A_failing_event_is_retried_then_parked_without_blocking_the_next_and_a_reprocess_settles_it()
    {
        var poison = new PoisonSwitch();
        using var factory = new ApiFactory(Settings, services => AddPoisonTranslator(services, poison));
        using var client = factory.CreateClient();
        using var merchant = factory.CreateMerchantClient();

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(factory, client, WebhookIngestionTests.EventBody("evt_poison_1", PoisonTranslator.Type))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(factory, client, WebhookIngestionTests.EventBody("evt_after_poison", "x.y"))).StatusCode);

        var parked = await StatusEventuallyAsync(merchant, "evt_poison_1", "parked");
        await StatusEventuallyAsync(merchant, "evt_after_poison", "ignored");
        Assert.Equal(3, parked["webhook"]!["failed_attempts"]!.GetValue<int>());
        Assert.Contains("poisoned on purpose", parked["webhook"]!["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        var history = parked["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(["received", "attempt_failed", "attempt_failed", "attempt_failed", "parked"], history);
        var listed = (await merchant.GetNodeAsync("/admin/webhooks?status=parked"))!["data"]!.AsArray();
        Assert.Equal("evt_poison_1", Assert.Single(listed)!["event_id"]!.GetValue<string>());
        Assert.Equal(1, await ParkedOnHealthAsync(merchant, expected: 1));
        Assert.Equal(3, poison.Calls);

        poison.Heal();
        using var reprocess = await merchant.PostAsync("/admin/webhooks/evt_poison_1/reprocess", null);

        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        var processed = await StatusEventuallyAsync(merchant, "evt_poison_1", "processed");
        Assert.Equal("applied", processed["webhook"]!["outcome"]!.GetValue<string>());
        Assert.Equal(0, await ParkedOnHealthAsync(merchant, expected: 0));
        Assert.Equal(4, poison.Calls);
    }

    [Fact]
    public async Task Two_instances_on_one_store_keep_one_inbox_entry_and_record_its_outcome_once()
    {
        using var first = new ApiFactory(Settings);
        using var firstClient = first.CreateClient();
        var sharedFile = Path.Combine(first.DataDirectory, "events.db");
        using var second = new ApiFactory(Settings, services => services.AddSingleton<IEventStore>(sp =>
            new SqliteEventStore(new SqliteEventStoreOptions { FilePath = sharedFile }, sp.GetRequiredService<TimeProvider>())));
        using var secondClient = second.CreateClient();
        var body = WebhookIngestionTests.EventBody("evt_two_instances", "x.y");

        var responses = await Task.WhenAll(
            PostSignedAsync(first, firstClient, body),
            PostSignedAsync(second, secondClient, body),
            PostSignedAsync(first, firstClient, body),
            PostSignedAsync(second, secondClient, body));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var duplicates = await Task.WhenAll(responses.Select(async r => (await Json.ReadAsync(r))["duplicate"]!.GetValue<bool>()));
        Assert.Equal(1, duplicates.Count(d => !d));
        using var merchant = first.CreateMerchantClient();
        await StatusEventuallyAsync(merchant, "evt_two_instances", "ignored");
        using var otherMerchant = second.CreateMerchantClient();
        await StatusEventuallyAsync(otherMerchant, "evt_two_instances", "ignored");
        var stream = await StreamAsync(first, "evt_two_instances");
        Assert.Single(stream.OfType<WebhookReceived>());
        Assert.Single(stream.OfType<WebhookIgnored>());
    }

    private static void AddPoisonTranslator(IServiceCollection services, PoisonSwitch poison)
    {
        services.AddSingleton(poison);
        services.AddSingleton<IWebhookTranslator, PoisonTranslator>();
        services.AddTransient<IRequestHandler<PoisonCommand, WebhookHandling>, PoisonCommandHandler>();
    }

    private static Task<HttpResponseMessage> PostSignedAsync(ApiFactory factory, HttpClient client, string body)
    {
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fintoc") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, FintocWebhookSigner.Sign(body, WebhookIngestionTests.Secret, now));
        return client.SendAsync(request);
    }

    private static Task<JsonNode> StatusEventuallyAsync(HttpClient merchant, string eventId, string status) =>
        Eventually.GetAsync(
            async () =>
            {
                using var response = await merchant.GetAsync($"/admin/webhooks/{eventId}");
                var node = response.StatusCode == HttpStatusCode.OK ? await Json.ReadAsync(response) : null;
                return node?["webhook"]!["status"]!.GetValue<string>() == status ? node : null;
            },
            what: $"webhook {eventId} {status}");

    private static async Task<int> ParkedOnHealthAsync(HttpClient merchant, int expected)
    {
        var reactor = await Eventually.GetAsync(
            async () =>
            {
                var webhooks = (await merchant.GetNodeAsync("/health"))!["reactors"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "webhooks")!;
                return webhooks["parked"]!.GetValue<int>() == expected ? webhooks : null;
            },
            what: $"{expected} parked on /health");
        return reactor["parked"]!.GetValue<int>();
    }

    private static async Task<List<object>> StreamAsync(ApiFactory factory, string eventId)
    {
        var serializer = factory.Services.GetRequiredService<EventSerializer>();
        var events = new List<object>();
        await foreach (var record in factory.Services.GetRequiredService<IEventStore>().ReadStreamAsync(WebhookInboxStreams.Of(eventId), ReadDirection.Forwards, 0, long.MaxValue))
        {
            events.Add(serializer.Deserialize(record)!);
        }

        return events;
    }

    public sealed class PoisonSwitch
    {
        private int _calls;
        private volatile bool _healed;

        public int Calls => _calls;

        public void Heal() => _healed = true;

        public WebhookHandling Handle()
        {
            Interlocked.Increment(ref _calls);
            return _healed ? WebhookHandling.Applied() : throw new InvalidOperationException("poisoned on purpose");
        }
    }

    public sealed record PoisonCommand(string EventId) : ICommand<WebhookHandling>;

    public sealed class PoisonCommandHandler(PoisonSwitch poison) : IRequestHandler<PoisonCommand, WebhookHandling>
    {
        public Task<WebhookHandling> Handle(PoisonCommand request, CancellationToken cancellationToken) => Task.FromResult(poison.Handle());
    }

    public sealed class PoisonTranslator : IWebhookTranslator
    {
        public const string Type = "test.poison";

        public IReadOnlyCollection<string> EventTypes => [Type];

        public ICommand<WebhookHandling> Translate(InboxedWebhook webhook) => new PoisonCommand(webhook.EventId);
    }
}
