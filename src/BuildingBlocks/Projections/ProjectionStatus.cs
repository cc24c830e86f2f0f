using System.Collections.Concurrent;

namespace ModularPayments.BuildingBlocks.Projections;

public enum ProjectionState
{
    Starting,
    CatchingUp,
    Live,
    Rebuilding,
    Faulted,
}

/// <summary>Where one projection is, for <c>GET /health</c>.</summary>
public sealed record ProjectionProgress(string Name, ProjectionState State, long Position, string? LastError, DateTimeOffset UpdatedAt);

/// <summary>The latest progress of every projection runner in the process.</summary>
public sealed class ProjectionStatusBoard
{
    private readonly ConcurrentDictionary<string, ProjectionProgress> _progress = new(StringComparer.Ordinal);

    public IReadOnlyList<ProjectionProgress> All => [.. _progress.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    public void Report(ProjectionProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress[progress.Name] = progress;
    }

    public ProjectionProgress? Get(string name) => _progress.GetValueOrDefault(name);
}
