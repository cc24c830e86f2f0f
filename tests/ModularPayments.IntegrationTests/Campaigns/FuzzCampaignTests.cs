using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.Fintoc.Webhooks;
using Xunit.Abstractions;

namespace ModularPayments.IntegrationTests.Campaigns;

/// <summary>
/// Generated requests against every route the service maps (API, admin, webhooks, health, the simulator's API and test
/// helpers): no 5xx but Fintoc's designed 502, nothing logged as an error, and the event store moves only for requests
/// that can be valid. <c>MODULARPAYMENTS_FUZZ_CASES</c> sets the cases per route (default 150),
/// <c>MODULARPAYMENTS_FUZZ_SEED</c> repeats a run.
/// </summary>
[Collection(CampaignCollection.Name)]
public sealed class FuzzCampaignTests : IDisposable
{
    public const string CasesVariable = "MODULARPAYMENTS_FUZZ_CASES";
    public const string SeedVariable = "MODULARPAYMENTS_FUZZ_SEED";
    private const string Secret = "whsec_fuzz_campaign_secret";
    private const int DefaultCases = 150;
    private const int NotSendable = 0;

    private static readonly string[] RequestMadeEventTypes = ["customers.customer_registered.v1", "customers.tax_id_claimed.v1", "webhooks.received.v1"];

    private readonly ErrorLogCapture _errors = new();
    private readonly ITestOutputHelper _output;
    private readonly ApiFactory _factory;

    public FuzzCampaignTests(ITestOutputHelper output)
    {
        _output = output;
        _factory = new ApiFactory(
            new Dictionary<string, string?> { ["Fintoc:WebhookSecrets:0"] = Secret },
            services => services.AddSingleton<ILoggerProvider>(_errors));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Generated_requests_on_every_route_get_no_5xx_log_no_error_and_move_the_store_only_when_valid()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        _output.WriteLine($"fuzz campaign: {cases} cases per route, seed {seed} ({SeedVariable} repeats it)");

        using var client = _factory.CreateClient();
        await Eventually.GetAsync(async () => (await client.GetNodeAsync("/health"))!["payments_provider"]!["webhook_endpoint"]?.GetValue<string>() == "registered" ? "ok" : null, what: "the simulator webhook registered");
        var store = _factory.Services.GetRequiredService<IEventStore>();
        var routes = Routes();
        Assert.Contains(routes, r => r.Template == "/v1/customers");
        Assert.Contains(routes, r => r.Template == "/webhooks/fintoc");
        Assert.Contains(routes, r => r.Template.StartsWith("/simulator/v2/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Template.StartsWith("/simulator/test-helpers/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Template.StartsWith("/admin/", StringComparison.Ordinal));

        _output.WriteLine($"routes: {string.Join(" ", routes.Select(r => $"{string.Join('|', r.Methods)} {r.Template}"))}");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var random = new Random(seed);
        var total = 0;
        foreach (var route in routes)
        {
            var generator = FuzzRequests.For(route.Template, route.Methods, ValidBodies(route.Template), route.Template == "/webhooks/fintoc");
            var requests = generator.Sample(cases, new Rnd((ulong)random.NextInt64()), 20);
            foreach (var request in requests)
            {
                total++;
                var before = await store.ReadHeadPositionAsync();
                var (status, repeated) = await SendAsync(client, request);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 && !(status == 502 && route.Template.StartsWith("/v1/", StringComparison.Ordinal)))
                {
                    failures.Add($"{status} for {request}");
                }

                var written = new List<string>();
                if (status >= 400 || MustNotWrite(route.Template, request))
                {
                    // Reactors write in the background (Fintoc links, webhook outcomes); a refused request writes nothing itself.
                    written = await WrittenSinceAsync(store, before);
                    if (written.FirstOrDefault(RequestMadeEventTypes.Contains) is { } type)
                    {
                        failures.Add($"{type} appended although the request was answered {status}: {request}");
                    }
                }

                if (status is 200 or 201 && !repeated && ExpectedWrite(route.Template, request) is { } expected)
                {
                    written = written.Count > 0 ? written : await WrittenSinceAsync(store, before);
                    if (!written.Contains(expected))
                    {
                        failures.Add($"no {expected} appended although the request was answered {status}: {request}");
                    }
                }

                if (failures.Count >= 20)
                {
                    break;
                }
            }
        }

        _output.WriteLine($"{total} requests on {routes.Count} routes; answers: {string.Join(", ", statuses.Select(p => $"{p.Key} x{p.Value}"))}");
        _output.WriteLine($"errors logged: {_errors.Entries.Count}");
        foreach (var entry in _errors.Entries.Take(10))
        {
            _output.WriteLine(entry);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(_errors.Entries.IsEmpty, string.Join(Environment.NewLine, _errors.Entries.Take(10)));
    }

    /// <summary>What the campaign found (each a 500 before its fix), kept as fixed cases.</summary>
    [Theory]
    [InlineData("PUT", "/simulator/test-helpers/chaos", "application/json", "{\"drop_first_attempt\":true,\"drop_first_attempt\":false}", 400)]
    [InlineData("POST", "/simulator/v2/customers", "application/json", "{\"name\":\"\\ud800\",\"email\":\"a@example.com\"}", 400)]
    [InlineData("POST", "/simulator/checkout/cs_1/card", "multipart/form-data; boundary=x", "[1,2", 415)]
    public async Task Inputs_the_campaign_found_are_refused_not_failed(string method, string path, string contentType, string body, int expected)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_simulator");

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Empty(_errors.Entries);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_simulator_request_is_a_400()
    {
        using var client = _factory.CreateClient();
        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\",\"email\":\"a@example.com\"}"u8];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/v2/customers") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_simulator");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_errors.Entries);
    }

    /// <summary>Requests that cannot be valid: reads, no merchant key, a webhook without a good signature.</summary>
    private static bool MustNotWrite(string template, FuzzRequest request) =>
        request.Method == "GET"
        || ((template.StartsWith("/v1/", StringComparison.Ordinal) || template.StartsWith("/admin/", StringComparison.Ordinal)) && !request.HasDevelopmentKey)
        || (template == "/webhooks/fintoc" && request.Signature != SignatureKind.Valid);

    /// <summary>What an accepted, first-time request must have appended, where that is decidable.</summary>
    private static string? ExpectedWrite(string template, FuzzRequest request) => (request.Method, template) switch
    {
        ("POST", "/v1/customers") => "customers.customer_registered.v1",
        ("POST", "/webhooks/fintoc") => "webhooks.received.v1",
        _ => null,
    };

    /// <summary>The status, and whether the answer says it repeats an earlier request (an idempotent replay, a duplicate delivery).</summary>
    private async Task<(int Status, bool Repeated)> SendAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.Query);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        }

        var now = _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var signature = request.Signature switch
        {
            SignatureKind.Valid => FintocWebhookSigner.Sign(request.Body ?? [], Secret, now),
            SignatureKind.WrongSecret => FintocWebhookSigner.Sign(request.Body ?? [], "whsec_not_ours", now),
            SignatureKind.Garbage => "t=abc,v1=" + new string('z', 64),
            _ => null,
        };
        if (signature is not null)
        {
            message.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, signature);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (InvalidOperationException refused) when (refused.Message.Contains("null characters", StringComparison.Ordinal))
        {
            return (NotSendable, false); // the test server refuses a %00 path before the app sees it (Kestrel answers 400)
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, response.Headers.Contains("Idempotent-Replayed") || body.Contains("\"duplicate\":true", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> WrittenSinceAsync(IEventStore store, long position)
    {
        var types = new List<string>();
        await foreach (var record in store.ReadAllAsync(position, 1000))
        {
            types.Add(record.EventType);
        }

        return types;
    }

    /// <summary>Every route the host maps, with its methods (GET when it names none).</summary>
    private List<(string Template, IReadOnlyList<string> Methods)> Routes() =>
        [.. _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Template: "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'), Methods: (IReadOnlyList<string>)(e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET", "POST"])))
            .GroupBy(r => r.Template, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.SelectMany(r => r.Methods).Distinct(StringComparer.Ordinal)]))
            .OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>Known-good bodies to mutate one field at a time, so that generated requests get past the first check.</summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, string>> ValidBodies(string template) => template switch
    {
        "/v1/customers" =>
        [
            new Dictionary<string, string> { ["email"] = "\"fuzz@example.com\"", ["name"] = "\"Jon\"", ["tax_id"] = "{\"type\":\"cl_rut\",\"value\":\"12.345.678-5\"}", ["metadata"] = "{\"k\":\"v\"}" },
            new Dictionary<string, string> { ["email"] = "\"fuzz2@example.com\"" },
        ],
        "/v1/setup_sessions" =>
        [
            new Dictionary<string, string> { ["customer_id"] = "\"mp_cus_0123456789abcdef0123456789abcdef\"", ["currency"] = "\"CLP\"", ["success_url"] = "\"https://example.com/ok\"", ["cancel_url"] = "\"https://example.com/no\"", ["payment_method_types"] = "[\"pac\"]" },
        ],
        "/webhooks/fintoc" =>
        [
            new Dictionary<string, string> { ["id"] = "\"evt_fuzz_1\"", ["object"] = "\"event\"", ["type"] = "\"x.y\"", ["mode"] = "\"test\"", ["created_at"] = "\"2026-11-30T12:00:00Z\"", ["data"] = "{\"id\":\"obj_1\"}" },
            new Dictionary<string, string> { ["id"] = "\"evt_fuzz_2\"", ["type"] = "\"checkout_session.finished\"", ["data"] = "{\"id\":\"cs_1\",\"object\":\"checkout_session\"}" },
        ],
        _ => [],
    };

    /// <summary>Everything logged at Error or above (parked reactor events are a designed outcome, not an unhandled error).</summary>
    private sealed class ErrorLogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (logLevel >= LogLevel.Error && !message.Contains(" parked after ", StringComparison.Ordinal))
                {
                    capture.Entries.Enqueue($"{logLevel} {category}: {message} {exception?.GetType().Name}: {exception?.Message}");
                }
            }
        }
    }
}
