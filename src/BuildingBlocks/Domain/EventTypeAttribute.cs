namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>
/// The stable name an event is stored under. Renaming or moving the CLR type must never change it,
/// or stored streams stop deserialising.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
