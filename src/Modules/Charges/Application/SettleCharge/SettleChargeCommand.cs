using ModularPayments.BuildingBlocks.Application;
using ModularPayments.BuildingBlocks.Webhooks;

namespace ModularPayments.Modules.Charges.Application.SettleCharge;

/// <summary>
/// What Fintoc says about a charge's object: a <c>payment_intent.*</c> or <c>charge.*</c> webhook (with its event id),
/// or a re-read by the janitor. <paramref name="Source"/> is webhook or janitor.
/// </summary>
public sealed record SettleChargeCommand(
    FintocChargeSnapshot Snapshot,
    string Source,
    string? FintocEventId,
    DateTimeOffset? OccurredAt) : ICommand<WebhookHandling>;
