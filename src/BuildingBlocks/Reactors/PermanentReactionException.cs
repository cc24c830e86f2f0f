namespace ModularPayments.BuildingBlocks.Reactors;

/// <summary>Marker for failures that no retry can fix: the reactor parks the event at once instead of retrying.</summary>
public interface IPermanentReactionFailure;
