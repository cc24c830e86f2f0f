using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Charges.Application.GetChargeTimeline;

/// <summary>Every step of one charge, in order, built from its events.</summary>
public sealed record GetChargeTimelineQuery(Guid ChargeId) : IQuery<IReadOnlyList<ChargeTimelineEntry>>;

/// <summary>
/// One step. <see cref="Type"/>: requested, submission_attempt_failed, submitted, succeeded, failed, mismatch_detected,
/// update_ignored. <see cref="Source"/> says who told us: submission (Fintoc's answer to our call), webhook, janitor.
/// </summary>
public sealed record ChargeTimelineEntry(
    int Step,
    string Type,
    DateTimeOffset At,
    string? Source,
    string? FintocId,
    string? FintocStatus,
    string? FintocEventId,
    string? IdempotencyKey,
    string? Detail);
