using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ModularPayments.Fintoc.Webhooks;

namespace ModularPayments.Benchmarks.Http;

/// <summary>One kind of request; <see cref="Create"/> makes the n-th (each POST unique, so none is a replay).</summary>
internal sealed class Workload(string name, string title, Func<IBenchTarget, long, HttpRequestMessage> create)
{
    public const string Customers = "customers";
    public const string Webhooks = "webhooks";
    public const string GetCustomer = "get";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    public string Name { get; } = name;

    public string Title { get; } = title;

    public HttpRequestMessage Create(IBenchTarget target, long n) => create(target, n);

    /// <summary><c>POST /v1/customers</c>, email only, with the development key.</summary>
    public static Workload RegisterCustomer() => new(Customers, "POST /v1/customers", (target, n) =>
    {
        var request = Post(target, "/v1/customers", string.Create(CultureInfo.InvariantCulture, $$"""{"email":"bench-{{RunId}}-{{n}}@example.com"}"""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceTarget.DevelopmentKey);
        return request;
    });

    /// <summary>
    /// <c>POST /webhooks/fintoc</c>, signed with the service's secret at the target's clock, a new event id each time,
    /// of a type no module handles (so the inbox stores it and marks it ignored: the ingestion path, not a handler).
    /// </summary>
    public static Workload IngestWebhook() => new(Webhooks, "POST /webhooks/fintoc (signed)", (target, n) =>
    {
        var body = string.Create(CultureInfo.InvariantCulture, $$$"""{"id":"evt_bench_{{{RunId}}}_{{{n}}}","object":"event","type":"bench.event","mode":"test","created_at":"2026-11-30T12:00:00Z","data":{"id":"obj_{{{n}}}","amount":150000,"currency":"CLP"}}""");
        var request = Post(target, "/webhooks/fintoc", body);
        request.Headers.TryAddWithoutValidation(WebhookSignatureVerifier.HeaderName, FintocWebhookSigner.Sign(body, ServiceTarget.WebhookSecret, target.Clock.GetUtcNow()));
        return request;
    });

    /// <summary><c>GET /v1/customers/{id}</c> over customers registered beforehand, round robin.</summary>
    public static Workload ReadCustomer(IReadOnlyList<string> ids) => new(GetCustomer, "GET /v1/customers/{id}", (target, n) =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.BaseAddress, "/v1/customers/" + ids[(int)(n % ids.Count)]));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceTarget.DevelopmentKey);
        return request;
    });

    private static HttpRequestMessage Post(IBenchTarget target, string path, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, path)) { Content = content };
    }
}
