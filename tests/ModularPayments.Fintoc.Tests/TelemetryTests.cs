using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Fintoc.Tests;

public sealed class TelemetryTests
{
    private const string CustomerJson = """{"id":"cus_private_42","object":"customer","email":"jon.snow@example.cl"}""";

    [Fact]
    public async Task Every_attempt_is_counted_with_its_status_and_every_retry_with_its_reason()
    {
        var harness = new ClientHarness();
        using var metrics = new RecordedMeasurements(harness.Services.GetRequiredService<IMeterFactory>());
        harness.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.OK, CustomerJson);

        await harness.RunAsync(c => c.Customers.GetAsync("cus_private_42"));

        var requests = metrics.Of(FintocTelemetry.RequestsCounterName);
        Assert.Equal([503, 429, 200], requests.Select(m => (int)m.Tags[FintocTelemetry.StatusCodeTag]!));
        Assert.All(requests, m => Assert.Equal("GET", m.Tags[FintocTelemetry.MethodTag]));
        Assert.All(requests, m => Assert.Equal("customers", m.Tags[FintocTelemetry.ResourceTag]));
        var retries = metrics.Of(FintocTelemetry.RetriesCounterName);
        Assert.Equal([FintocTelemetry.RetryReasons.ServerError, FintocTelemetry.RetryReasons.RateLimited], retries.Select(m => m.Tags[FintocTelemetry.ReasonTag]));
        Assert.All(retries, m => Assert.Equal("customers", m.Tags[FintocTelemetry.ResourceTag]));
        Assert.DoesNotContain(metrics.All.SelectMany(m => m.Tags.Values), value => value?.ToString()?.Contains("cus_private_42", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_transport_failure_is_counted_by_error_type()
    {
        var harness = new ClientHarness(o => o.MaxRetries = 1);
        using var metrics = new RecordedMeasurements(harness.Services.GetRequiredService<IMeterFactory>());
        harness.Handler.ThenThrow(new HttpRequestException("refused")).ThenThrow(new HttpRequestException("refused"));

        await Assert.ThrowsAsync<Errors.FintocTransportException>(() => harness.RunAsync(c => c.Charges.GetAsync("ch_1")));

        var requests = metrics.Of(FintocTelemetry.RequestsCounterName);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, m => Assert.Equal(typeof(HttpRequestException).FullName, m.Tags[FintocTelemetry.ErrorTypeTag]));
        Assert.All(requests, m => Assert.Equal("charges", m.Tags[FintocTelemetry.ResourceTag]));
        Assert.Equal(FintocTelemetry.RetryReasons.NetworkError, Assert.Single(metrics.Of(FintocTelemetry.RetriesCounterName)).Tags[FintocTelemetry.ReasonTag]);
    }

    [Fact]
    public async Task One_activity_wraps_a_logical_call_with_its_resource_and_method_but_no_key_id_or_body()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.Created, CustomerJson);
        var stopped = new List<Activity>();
        using var parent = new Activity("test").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FintocTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == parent.TraceId)
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await harness.RunAsync(c => c.Customers.CreateAsync(new CreateCustomerRequest("Jon", "jon.snow@example.cl", new FintocTaxId("cl_rut", "11.111.111-1")), "customer-c-1"));

        var activity = Assert.Single(stopped);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("customers", activity.GetTagItem(FintocTelemetry.ResourceTag));
        Assert.Equal("POST", activity.GetTagItem(FintocTelemetry.MethodTag));
        Assert.Equal(201, activity.GetTagItem(FintocTelemetry.StatusCodeTag));
        var recorded = string.Join(" ", activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")) + " " + activity.DisplayName;
        foreach (var secret in new[] { ClientHarness.SecretKey, "customer-c-1", "cus_private_42", "jon.snow", "11.111.111-1" })
        {
            Assert.DoesNotContain(secret, recorded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failed_call_marks_its_activity_as_an_error_with_the_status()
    {
        var harness = new ClientHarness();
        harness.Handler.Then(HttpStatusCode.NotFound, """{"error":{"type":"invalid_request_error","code":"missing_resource","message":"no"}}""");
        var stopped = new List<Activity>();
        using var parent = new Activity("test").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FintocTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == parent.TraceId)
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await Assert.ThrowsAsync<Errors.FintocApiException>(() => harness.Client.PaymentIntents.GetAsync("pi_missing"));

        var activity = Assert.Single(stopped);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("payment_intents", activity.GetTagItem(FintocTelemetry.ResourceTag));
        Assert.Equal(404, activity.GetTagItem(FintocTelemetry.StatusCodeTag));
    }

    /// <summary>Measurements of the Fintoc meter made by one service provider's meter factory (tests run in parallel).</summary>
    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Measurement> _all = [];

        public RecordedMeasurements(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FintocTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_all)
                {
                    _all.Add(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value)));
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<Measurement> All
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public List<Measurement> Of(string instrument) => All.Where(m => m.Instrument == instrument).ToList();

        public void Dispose() => _listener.Dispose();
    }

    private sealed record Measurement(string Instrument, long Value, Dictionary<string, object?> Tags);
}
