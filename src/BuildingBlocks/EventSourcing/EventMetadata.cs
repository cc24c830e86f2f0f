namespace ModularPayments.BuildingBlocks.EventSourcing;

/// <summary>What we store beside every event: which request or message caused it. Never secrets or personal data.</summary>
public sealed record EventMetadata(string? CorrelationId, string? CausationId);
