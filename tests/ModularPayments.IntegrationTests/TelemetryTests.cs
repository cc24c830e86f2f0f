using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Observability;

namespace ModularPayments.IntegrationTests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_serves_the_request_metric_by_route_and_status_after_a_request()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateMerchantClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/customers", new { email = "metrics@example.com" })).StatusCode);

        var line = await Eventually.GetAsync(
            async () => (await ScrapeAsync(client)).FirstOrDefault(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("http_route=\"/v1/customers/\"", StringComparison.Ordinal)
                && l.Contains("http_response_status_code=\"201\"", StringComparison.Ordinal)),
            what: "the request metric in /metrics");

        Assert.Contains("http_request_method=\"POST\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_serves_events_appended_and_the_lag_of_every_projection()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateMerchantClient();
        await client.PostJsonAsync("/v1/customers", new { email = "lag@example.com" });

        var lines = await Eventually.GetAsync(
            async () =>
            {
                var scraped = await ScrapeAsync(client);
                return scraped.Any(l => l.StartsWith("modularpayments_projection_lag{", StringComparison.Ordinal) && l.Contains("projection=\"customers\"", StringComparison.Ordinal))
                    && scraped.Any(l => l.StartsWith("modularpayments_eventstore_events_appended_total{", StringComparison.Ordinal)) ? scraped : null;
            },
            what: "the event-store counter and the lag gauge in /metrics");

        Assert.Contains(lines, l => l.StartsWith("modularpayments_projection_lag{", StringComparison.Ordinal) && l.Contains("projection=\"payment-methods\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("modularpayments_reactor_lag{", StringComparison.Ordinal) && l.Contains("reactor=\"webhooks\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("modularpayments_reactor_parked{", StringComparison.Ordinal) && l.Contains("reactor=\"customers-fintoc-mirror\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("eventstore_stream_category=\"customers.customer\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_store_append_produces_an_activity_and_counts_its_events_by_category()
    {
        using var factory = new ApiFactory();
        var store = factory.Services.GetRequiredService<IEventStore>();
        var category = "telemetrytest" + Guid.NewGuid().ToString("N")[..8];
        var activities = new ConcurrentQueue<Activity>();
        var appended = new ConcurrentQueue<long>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InstrumentedEventStore.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((activity.GetTagItem(InstrumentedEventStore.CategoryTag) as string) == category)
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == InstrumentedEventStore.MeterName && instrument.Name == InstrumentedEventStore.AppendedCounterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == InstrumentedEventStore.CategoryTag && (tag.Value as string) == category)
                {
                    appended.Enqueue(value);
                }
            }
        });
        meterListener.Start();

        await store.AppendToStreamAsync($"{category}-12.345.678-5", ExpectedRevision.NoStream, [Event(), Event()]);

        var activity = Assert.Single(activities);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(2, activity.GetTagItem("eventstore.event_count"));
        Assert.DoesNotContain(activity.TagObjects, tag => tag.Value is string text && text.Contains("12.345.678-5", StringComparison.Ordinal));
        Assert.Equal([2L], appended);
    }

    [Fact]
    public async Task No_query_value_or_key_reaches_any_trace_attribute()
    {
        const string email = "tracing-secret@example.com";
        var seen = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var tag in activity.TagObjects)
                {
                    seen.Enqueue($"{activity.OperationName} {tag.Key}={tag.Value}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var factory = new ApiFactory();
        using var client = factory.CreateMerchantClient();

        await client.PostJsonAsync("/v1/customers", new { email });
        var listed = await client.GetAsync($"/v1/customers?email={Uri.EscapeDataString(email)}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        // The server's span stops after the client has its answer: wait for it rather than race it.
        await Eventually.GetAsync(() => Task.FromResult(seen.FirstOrDefault(t => t.Contains("url.query", StringComparison.Ordinal))), what: "the request span with its query");
        var tags = seen.ToList();
        Assert.DoesNotContain(tags, t => t.Contains("tracing-secret", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(tags, t => t.Contains(ApiFactory.DevelopmentKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_metrics_are_pushed_instead_of_scraped()
    {
        using var factory = new ApiFactory(new() { ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public void A_relative_otlp_endpoint_stops_the_host_naming_the_setting()
    {
        using var factory = new ApiFactory(new() { ["OpenTelemetry:OtlpEndpoint"] = "collector:4317" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("OpenTelemetry:OtlpEndpoint", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadAsStringAsync()).Split('\n')];
    }

    private static EventData Event() => new(Guid.NewGuid(), "telemetry-test", Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"));
}
