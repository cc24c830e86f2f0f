namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>Lets the repository rehydrate any aggregate without knowing its state type.</summary>
public interface IAggregateLoader
{
    void Load(long revision, IEnumerable<IDomainEvent> history);
}
