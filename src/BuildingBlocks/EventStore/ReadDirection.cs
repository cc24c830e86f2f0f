namespace ModularPayments.BuildingBlocks.EventStore;

public enum ReadDirection
{
    Forwards,
    Backwards,
}
