namespace ModularPayments.Fintoc.Simulator;

/// <summary>Where the simulator is mounted (e.g. <c>/simulator</c>), for the links it hands out.</summary>
public sealed class SimulatorMount
{
    public string Prefix { get; internal set; } = "/simulator";
}
