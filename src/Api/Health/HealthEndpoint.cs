using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.Api.Health;

public sealed record EventStoreHealth(string Status, string Provider, long? HeadPosition, string? Error);

public sealed record ProjectionHealth(string Name, string State, long Position, long? Lag, string? LastError, DateTimeOffset UpdatedAt);

/// <summary><c>status</c> is healthy, degraded (a projection is faulted or not yet running) or unhealthy (no event store).</summary>
public sealed record HealthResponse(string Status, EventStoreHealth EventStore, IReadOnlyList<ProjectionHealth> Projections, PaymentsProviderHealth PaymentsProvider);

/// <summary>Who plays Fintoc: <c>simulator</c> (mounted under /simulator, with its clock) or <c>fintoc</c>.</summary>
public sealed record PaymentsProviderHealth(string Provider, DateTimeOffset Now);

public static partial class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string provider, string paymentsProvider) =>
        endpoints.MapGet("/health", (IEventStore eventStore, ProjectionStatusBoard board, ProjectionsHostedService host, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken) =>
                CheckAsync(eventStore, board, host, provider, new PaymentsProviderHealth(paymentsProvider, time.GetUtcNow()), loggers.CreateLogger("ModularPayments.Api.Health"), cancellationToken))
            .WithTags("Operations")
            .WithName("Health")
            .AllowAnonymous()
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CheckAsync(IEventStore eventStore, ProjectionStatusBoard board, ProjectionsHostedService host, string provider, PaymentsProviderHealth payments, ILogger logger, CancellationToken cancellationToken)
    {
        long? head = null;
        string? storeError = null;
        try
        {
            head = await eventStore.ReadHeadPositionAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Health reports any failure of the store instead of failing itself.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogStoreUnreachable(logger, exception);
            storeError = exception.GetType().Name;
        }

        var projections = host.Names
            .Select(name => board.Get(name) is { } progress
                ? new ProjectionHealth(name, progress.State.ToString().ToLowerInvariant(), progress.Position, head - progress.Position, progress.LastError, progress.UpdatedAt)
                : new ProjectionHealth(name, "not_started", 0, head, null, DateTimeOffset.MinValue))
            .ToList();

        var status = storeError is not null
            ? "unhealthy"
            : projections.Any(p => p.State is "faulted" or "not_started") ? "degraded" : "healthy";
        var response = new HealthResponse(status, new EventStoreHealth(storeError is null ? "up" : "down", provider, head, storeError), projections, payments);
        return Results.Json(response, statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check could not reach the event store")]
    private static partial void LogStoreUnreachable(ILogger logger, Exception exception);
}
