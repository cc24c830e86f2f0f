using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ModularPayments.BuildingBlocks.Reactors;

public enum ReactorState
{
    Starting,
    CatchingUp,
    Live,
    Faulted,
}

/// <summary>Where one reactor is, for <c>GET /health</c>: its position, what it has parked, its last fault.</summary>
public sealed record ReactorProgress(string Name, ReactorState State, long Position, ImmutableHashSet<string> Parked, string? LastError, DateTimeOffset UpdatedAt);

/// <summary>The latest progress of every reactor runner in the process.</summary>
public sealed class ReactorStatusBoard
{
    private readonly ConcurrentDictionary<string, ReactorProgress> _progress = new(StringComparer.Ordinal);

    public IReadOnlyList<ReactorProgress> All => [.. _progress.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    public ReactorProgress? Get(string name) => _progress.GetValueOrDefault(name);

    public void Update(string name, Func<ReactorProgress, ReactorProgress> change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        _progress.AddOrUpdate(
            name,
            key => change(new ReactorProgress(key, ReactorState.Starting, 0, [], null, now)) with { UpdatedAt = now },
            (_, current) => change(current) with { UpdatedAt = now });
    }
}
