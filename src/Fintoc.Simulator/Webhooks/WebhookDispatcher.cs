using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.Api;
using ModularPayments.Fintoc.Simulator.State;
using ModularPayments.Fintoc.Simulator.Time;

namespace ModularPayments.Fintoc.Simulator.Webhooks;

/// <summary>
/// Creates events and delivers them to every subscribed endpoint, signed with <c>Fintoc-Signature</c>, retried on a
/// non-2xx answer or a timeout with exponential backoff from 3 s (simulator clock), at most 17 retries, as Fintoc does.
/// </summary>
internal sealed partial class WebhookDispatcher(
    SimulatorState state,
    Scheduler scheduler,
    Chaos chaos,
    IHttpClientFactory httpClients,
    SimulatorOptions options,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "fintoc-simulator-webhooks";
    public const int MaxRetries = 17;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ReorderWindow = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private readonly List<SimulatorEvent> _events = [];

    public IReadOnlyList<SimulatorEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Records an event about <paramref name="data"/> (a full snapshot) and schedules its deliveries.</summary>
    public SimulatorEvent Publish(string type, JsonObject data, DateTimeOffset at)
    {
        var envelope = new JsonObject
        {
            ["id"] = Ids.New("evt_"),
            ["object"] = "event",
            ["type"] = type,
            ["mode"] = "test",
            ["created_at"] = SimulatorJson.Timestamp(at),
            ["data"] = data.DeepClone(),
        };
        var @event = new SimulatorEvent(envelope["id"]!.GetValue<string>(), type, at, Encoding.UTF8.GetBytes(envelope.ToJsonString(SimulatorJson.Options)));
        var settings = chaos.Settings;
        lock (_gate)
        {
            _events.Add(@event);
        }

        foreach (var endpoint in SubscribedEndpoints(type))
        {
            var delivery = new WebhookDelivery(@event, endpoint.Id, endpoint.Url, endpoint.Secret);
            lock (_gate)
            {
                _deliveries.Add(delivery);
            }

            var due = at + TimeSpan.FromSeconds(settings.DeliveryDelaySeconds);
            if (settings.ReorderDeliveries)
            {
                // Held back to the next 5-second boundary and sent newest first: an `activated` overtakes its `finished`.
                due = new DateTimeOffset((due.UtcTicks / ReorderWindow.Ticks + 1) * ReorderWindow.Ticks, TimeSpan.Zero);
            }

            scheduler.At(due, dueAt => AttemptAsync(delivery, dueAt), newestFirst: settings.ReorderDeliveries);
        }

        return @event;
    }

    /// <summary>The header Fintoc would send for these bytes at this instant.</summary>
    public static string Sign(byte[] body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t + ".", message);
        body.CopyTo(message, t.Length + 1);
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message))}";
    }

    private List<SimWebhookEndpoint> SubscribedEndpoints(string type)
    {
        lock (state.Gate)
        {
            return [.. state.WebhookEndpoints.Values.Where(endpoint => endpoint.Status == "enabled" && endpoint.Wants(type)).OrderBy(endpoint => state.OrderOf(endpoint.Id))];
        }
    }

    /// <param name="at">When the attempt was due: attempts and their backoff are laid out on that logical time, so a
    /// clock advance of a day plays every retry in between; the signature carries the clock's real reading.</param>
    private async Task AttemptAsync(WebhookDelivery delivery, DateTimeOffset at)
    {
        var settings = chaos.Settings;
        var number = delivery.Attempts.Count(attempt => !attempt.Duplicate) + 1;
        var now = at;
        var signature = Sign(delivery.Event.Body, delivery.Secret, scheduler.Clock.GetUtcNow());
        DeliveryAttempt attempt;
        if (settings.DropFirstAttempt && number == 1)
        {
            attempt = new DeliveryAttempt(number, now, null, "timeout (chaos: first attempt dropped)", signature, Duplicate: false);
        }
        else
        {
            attempt = await SendAsync(delivery, number, now, signature, duplicate: false).ConfigureAwait(false);
        }

        delivery.Record(attempt);
        if (attempt.StatusCode is >= 200 and < 300)
        {
            delivery.Status = "delivered";
            LogDelivered(logger, delivery.Event.Type, delivery.Event.Id, number);
            if (settings.DuplicateDeliveries)
            {
                delivery.Record(await SendAsync(delivery, number, now, signature, duplicate: true).ConfigureAwait(false));
            }

            return;
        }

        delivery.FailedAttempts++;
        if (delivery.FailedAttempts > MaxRetries)
        {
            delivery.Status = "failed";
            LogGaveUp(logger, delivery.Event.Type, delivery.Event.Id, number);
            return;
        }

        var delay = FirstRetryDelay * Math.Pow(2, delivery.FailedAttempts - 1);
        LogRetrying(logger, delivery.Event.Type, delivery.Event.Id, number, attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error ?? "error", delay.TotalSeconds);
        scheduler.At(now + delay, dueAt => AttemptAsync(delivery, dueAt));
    }

    private async Task<DeliveryAttempt> SendAsync(WebhookDelivery delivery, int number, DateTimeOffset now, string signature, bool duplicate)
    {
        using var timeout = new CancellationTokenSource(options.WebhookDeliveryTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Event.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Fintoc-Signature", signature);
            request.Headers.UserAgent.ParseAdd("Fintoc-Simulator/1.0");
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return new DeliveryAttempt(number, now, (int)response.StatusCode, null, signature, duplicate);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new DeliveryAttempt(number, now, null, $"timeout after {options.WebhookDeliveryTimeout.TotalSeconds:0} s", signature, duplicate);
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryAttempt(number, now, null, $"connection failed: {exception.HttpRequestError}", signature, duplicate);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator webhook {Type} {EventId} delivered (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string type, string eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator webhook {Type} {EventId} attempt {Attempt} failed ({Outcome}); retrying in {DelaySeconds} s")]
    private static partial void LogRetrying(ILogger logger, string type, string eventId, int attempt, string outcome, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator webhook {Type} {EventId} given up after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, string type, string eventId, int attempt);
}
