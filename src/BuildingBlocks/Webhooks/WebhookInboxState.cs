using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.BuildingBlocks.Webhooks;

/// <summary>Where one inbox entry stands, folded from its stream.</summary>
public sealed record WebhookInboxState : AggregateState<WebhookInboxState>
{
    public const string Received = "received";
    public const string Processed = "processed";
    public const string Ignored = "ignored";
    public const string Parked = "parked";

    public WebhookReceived? Delivery { get; init; }

    public string Status { get; init; } = Received;

    public int FailedAttempts { get; init; }

    /// <summary>True while the entry still waits for a reaction: new, or asked to be reprocessed since its last outcome.</summary>
    public bool AwaitsProcessing => Delivery is not null && Status == Received;

    public override WebhookInboxState When(IDomainEvent domainEvent) => domainEvent switch
    {
        WebhookReceived received => this with { Delivery = received, Status = Received },
        WebhookProcessed => this with { Status = Processed },
        WebhookIgnored => this with { Status = Ignored },
        WebhookAttemptFailed => this with { FailedAttempts = FailedAttempts + 1 },
        WebhookParked => this with { Status = Parked },
        WebhookReprocessRequested => this with { Status = Received },
        _ => this,
    };
}

/// <summary>The inbox entry as an aggregate, so its status moves under optimistic concurrency.</summary>
public sealed class WebhookInboxEntry : Aggregate<WebhookInboxState>
{
    public void Record(IDomainEvent outcome) => Apply(outcome);
}

public static class WebhookInboxStreams
{
    public const string Prefix = "webhooks.inbox-";

    public static string Of(string providerEventId) => Prefix + providerEventId;
}
