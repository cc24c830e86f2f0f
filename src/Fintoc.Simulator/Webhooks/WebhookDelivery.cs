namespace ModularPayments.Fintoc.Simulator.Webhooks;

/// <summary>One event on its way to one endpoint, with every attempt made.</summary>
internal sealed class WebhookDelivery(SimulatorEvent @event, string endpointId, string url, string secret)
{
    private readonly Lock _gate = new();

    public SimulatorEvent Event => @event;

    public string EndpointId => endpointId;

    public string Url => url;

    public string Secret => secret;

    public string Status { get; set; } = "pending";

    public List<DeliveryAttempt> Attempts { get; } = [];

    public int FailedAttempts { get; set; }

    public void Record(DeliveryAttempt attempt)
    {
        lock (_gate)
        {
            Attempts.Add(attempt);
        }
    }

    public DeliveryAttempt[] Snapshot()
    {
        lock (_gate)
        {
            return [.. Attempts];
        }
    }
}

internal sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, string Signature, bool Duplicate);

/// <summary>An event as Fintoc sends it; <see cref="Body"/> are the exact bytes signed and sent.</summary>
public sealed record SimulatorEvent(string Id, string Type, DateTimeOffset CreatedAt, byte[] Body);
