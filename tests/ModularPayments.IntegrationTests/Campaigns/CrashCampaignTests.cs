using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModularPayments.EventStore.Sqlite;
using ModularPayments.Fintoc.Webhooks;
using Xunit.Abstractions;

namespace ModularPayments.IntegrationTests.Campaigns;

/// <summary>
/// The real service process under writes from several clients, killed with SIGKILL at random moments and restarted,
/// round after round. Short in CI; <c>MODULARPAYMENTS_CRASH_ROUNDS</c> runs more rounds and
/// <c>MODULARPAYMENTS_CRASH_SEED</c> repeats a run.
/// </summary>
[Collection(CampaignCollection.Name)]
public sealed class CrashCampaignTests(ITestOutputHelper output) : IDisposable
{
    public const string RoundsVariable = "MODULARPAYMENTS_CRASH_ROUNDS";
    public const string SeedVariable = "MODULARPAYMENTS_CRASH_SEED";
    private const int DefaultRounds = 4;
    private const int Clients = 4;
    private const string Secret = "whsec_crash_campaign_secret";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mp-crash-campaign-" + Guid.NewGuid().ToString("N"));
    private readonly Ledger _ledger = new();

    public void Dispose() => ApiFactory.TryDeleteDirectory(_dataDirectory);

    [Fact]
    public async Task Killed_at_random_moments_under_load_it_loses_no_acknowledged_write_and_applies_none_twice()
    {
        var rounds = FromEnvironment(RoundsVariable) ?? DefaultRounds;
        var seed = FromEnvironment(SeedVariable) ?? Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"crash campaign: {rounds} rounds, {Clients} clients, seed {seed} ({SeedVariable} repeats it)");

        for (var round = 1; round <= rounds; round++)
        {
            using var service = await StartAsync();
            var retried = await RetryUnansweredAsync(service);
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, Clients).Select(client => DriveAsync(service, round, client, stop.Token)).ToArray();
            var killAfter = random.Next(200, 1500);
            await Task.Delay(killAfter);
            service.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            output.WriteLine($"round {round}: retried {retried} unanswered, killed after {killAfter} ms; acknowledged so far {_ledger.Customers.Count} customers, {_ledger.Webhooks.Count} webhooks; unanswered {_ledger.UnansweredCustomers.Count + _ledger.UnansweredWebhooks.Count}");
        }

        using (var final = await StartAsync())
        {
            await RetryUnansweredAsync(final);
            Assert.Empty(_ledger.Unexpected);
            Assert.NotEmpty(_ledger.Customers);
            Assert.NotEmpty(_ledger.Webhooks);
            using var merchant = MerchantClient(final);
            await CaughtUpAsync(merchant);

            foreach (var (_, (id, email)) in _ledger.Customers)
            {
                using var response = await merchant.GetAsync($"/v1/customers/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"customer {id} ({email}) was acknowledged with 201 but is {(int)response.StatusCode} after the kills");
                Assert.Equal(email, (await Json.ReadAsync(response))["email"]!.GetValue<string>());
                var sameEmail = (await merchant.GetNodeAsync($"/v1/customers?email={Uri.EscapeDataString(email)}"))!["data"]!.AsArray();
                Assert.True(sameEmail.Count == 1, $"{email} is registered {sameEmail.Count} times");
            }

            foreach (var eventId in _ledger.Webhooks.Keys)
            {
                using var response = await merchant.GetAsync($"/admin/webhooks/{eventId}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"webhook {eventId} was acknowledged with 200 but is {(int)response.StatusCode} after the kills");
                var webhook = await Json.ReadAsync(response);
                Assert.Equal("ignored", webhook["webhook"]!["status"]!.GetValue<string>());
                Assert.Single(webhook["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "ignored");
            }
        }

        // The log itself, read with the store once the service is gone.
        var positions = new HashSet<long>();
        var eventIds = new HashSet<Guid>();
        var registered = 0;
        var received = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = 0L;
        using (var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = Path.Combine(_dataDirectory, "events.db") }, TimeProvider.System))
        {
            await foreach (var record in store.ReadAllAsync(0, long.MaxValue))
            {
                Assert.True(positions.Add(record.Position), $"global position {record.Position} appears twice");
                Assert.True(record.Position > last, $"global position {record.Position} follows {last}");
                Assert.True(eventIds.Add(record.EventId), $"event id {record.EventId} appears twice");
                last = record.Position;
                registered += record.EventType == "customers.customer_registered.v1" ? 1 : 0;
                if (record.EventType == "webhooks.received.v1")
                {
                    received[record.StreamId] = received.GetValueOrDefault(record.StreamId) + 1;
                }
            }
        }

        Assert.Equal(_ledger.Customers.Count, registered);
        Assert.Equal(_ledger.Webhooks.Count, received.Count);
        Assert.All(received, inbox => Assert.Equal(1, inbox.Value));
        output.WriteLine($"after {rounds} kills: {_ledger.Customers.Count} customers and {_ledger.Webhooks.Count} webhooks acknowledged, all present once; {positions.Count} events, positions unique");
    }

    private async Task<ServiceProcess> StartAsync()
    {
        var service = await ServiceProcess.StartAsync(_dataDirectory, extraArguments: ["--Fintoc:WebhookSecrets:0", Secret]);
        // Signatures are checked against the service's clock (the simulator's in simulator mode): sign with its time.
        using var anonymous = new HttpClient { BaseAddress = service.BaseAddress };
        var now = (await anonymous.GetNodeAsync("/health"))!["payments_provider"]!["now"]!.GetValue<DateTimeOffset>();
        _ledger.ClockOffset = now - DateTimeOffset.UtcNow;
        return service;
    }

    /// <summary>One client: registrations and webhooks until the kill; what got no answer is retried after the restart.</summary>
    private async Task DriveAsync(ServiceProcess service, int round, int client, CancellationToken stop)
    {
        using var http = MerchantClient(service);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var answered = n % 3 == 2
                ? await SendWebhookAsync(http, new PendingWebhook($"evt_crash_{round}_{client}_{n}_{Guid.NewGuid():N}"))
                : await SendCustomerAsync(http, NewCustomer(round, client, n));
            if (!answered)
            {
                return; // the service is gone
            }
        }
    }

    private static PendingCustomer NewCustomer(int round, int client, int n)
    {
        var email = $"crash-{round}-{client}-{n}-{Guid.NewGuid():N}@example.com";
        var json = n % 2 == 0
            ? $$"""{"email":"{{email}}"}"""
            : $$$"""{"email":"{{{email}}}","tax_id":{"type":"cl_rut","value":"{{{TestRuts.Next()}}}"}}""";
        return new PendingCustomer("crash-" + Guid.NewGuid().ToString("N"), email, json);
    }

    /// <summary>False when no answer came (the process was killed); the request then waits for the next start.</summary>
    private async Task<bool> SendCustomerAsync(HttpClient http, PendingCustomer customer)
    {
        _ledger.UnansweredCustomers[customer.Key] = customer;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = Json.Body(customer.Json) };
        request.Headers.Add("Idempotency-Key", customer.Key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }

        using (response)
        {
            _ledger.UnansweredCustomers.TryRemove(customer.Key, out _);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                _ledger.Unexpected.Enqueue($"POST /v1/customers {customer.Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return true;
            }

            var id = (await Json.ReadAsync(response))["id"]!.GetValue<string>();
            _ledger.Customers[customer.Key] = (id, customer.Email);
            return true;
        }
    }

    private async Task<bool> SendWebhookAsync(HttpClient http, PendingWebhook webhook)
    {
        _ledger.UnansweredWebhooks[webhook.EventId] = webhook;
        var body = WebhookIngestionTests.EventBody(webhook.EventId, "x.y");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fintoc") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, FintocWebhookSigner.Sign(body, Secret, DateTimeOffset.UtcNow + _ledger.ClockOffset));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }

        using (response)
        {
            _ledger.UnansweredWebhooks.TryRemove(webhook.EventId, out _);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _ledger.Unexpected.Enqueue($"POST /webhooks/fintoc {webhook.EventId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return true;
            }

            _ledger.Webhooks[webhook.EventId] = true;
            return true;
        }
    }

    /// <summary>A client that got no answer retries with the same Idempotency-Key (or the same Fintoc event id): it must end 2xx, once.</summary>
    private async Task<int> RetryUnansweredAsync(ServiceProcess service)
    {
        using var http = MerchantClient(service);
        var customers = _ledger.UnansweredCustomers.Values.ToList();
        var webhooks = _ledger.UnansweredWebhooks.Values.ToList();
        foreach (var customer in customers)
        {
            Assert.True(await SendCustomerAsync(http, customer), $"the retry of {customer.Email} got no answer from a running service");
        }

        foreach (var webhook in webhooks)
        {
            Assert.True(await SendWebhookAsync(http, webhook), $"the redelivery of {webhook.EventId} got no answer from a running service");
        }

        return customers.Count + webhooks.Count;
    }

    /// <summary>Every projection and reactor has reached the head of the log.</summary>
    private static async Task CaughtUpAsync(HttpClient merchant) =>
        await Eventually.GetAsync(
            async () =>
            {
                var health = (await merchant.GetNodeAsync("/health"))!;
                var followers = health["projections"]!.AsArray().Concat(health["reactors"]!.AsArray());
                return followers.All(f => f!["lag"]?.GetValue<long>() == 0) ? health : null;
            },
            TimeSpan.FromSeconds(60),
            "every projection and reactor at lag 0");

    private static HttpClient MerchantClient(ServiceProcess service)
    {
        var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.DevelopmentKey);
        return client;
    }

    private static int? FromEnvironment(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private sealed record PendingCustomer(string Key, string Email, string Json);

    private sealed record PendingWebhook(string EventId);

    private sealed class Ledger
    {
        /// <summary>Idempotency-Key → the customer the 201 named.</summary>
        public ConcurrentDictionary<string, (string Id, string Email)> Customers { get; } = new();

        /// <summary>Fintoc event ids answered 200.</summary>
        public ConcurrentDictionary<string, bool> Webhooks { get; } = new();

        public ConcurrentDictionary<string, PendingCustomer> UnansweredCustomers { get; } = new();

        public ConcurrentDictionary<string, PendingWebhook> UnansweredWebhooks { get; } = new();

        /// <summary>Answers that were neither the success nor a missing answer: none expected.</summary>
        public ConcurrentQueue<string> Unexpected { get; } = new();

        public TimeSpan ClockOffset { get; set; }
    }
}
