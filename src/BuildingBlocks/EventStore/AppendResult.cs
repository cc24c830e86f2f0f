namespace ModularPayments.BuildingBlocks.EventStore;

/// <summary>The stream's revision after the append and the global position of its last event.</summary>
public sealed record AppendResult(long NextExpectedRevision, long Position);
