using ModularPayments.Api.Webhooks;
using ModularPayments.BuildingBlocks.Reactors;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;

namespace ModularPayments.Api.Health;

public sealed record EventStoreHealth(string Status, string Provider, long? HeadPosition, string? Error);

public sealed record ProjectionHealth(string Name, string State, long Position, long? Lag, string? LastError, DateTimeOffset UpdatedAt);

/// <summary><c>status</c> is healthy, degraded (a projection is faulted or not yet running) or unhealthy (no event store).</summary>
/// <summary>A reactor: where it is in the log, how far behind, and how many events it parked (still unresolved).</summary>
public sealed record ReactorHealth(string Name, string State, long Position, long? Lag, int Parked, string? LastError, DateTimeOffset UpdatedAt);

public sealed record HealthResponse(string Status, EventStoreHealth EventStore, IReadOnlyList<ProjectionHealth> Projections, IReadOnlyList<ReactorHealth> Reactors, PaymentsProviderHealth PaymentsProvider);

/// <summary>
/// Who plays Fintoc: <c>simulator</c> (mounted under /simulator, with its clock) or <c>fintoc</c>; in simulator mode,
/// whether our webhook endpoint is registered there yet.
/// </summary>
public sealed record PaymentsProviderHealth(string Provider, DateTimeOffset Now, string? WebhookEndpoint);

public static partial class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string provider, string paymentsProvider) =>
        endpoints.MapGet("/health", (IEventStore eventStore, ProjectionStatusBoard board, ProjectionsHostedService host, ReactorStatusBoard reactorBoard, ReactorsHostedService reactors, IServiceProvider services, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken) =>
                CheckAsync(eventStore, board, host, reactorBoard, reactors, provider, new PaymentsProviderHealth(paymentsProvider, time.GetUtcNow(), services.GetService<SimulatorWebhookRegistration>()?.State), loggers.CreateLogger("ModularPayments.Api.Health"), cancellationToken))
            .WithTags("Operations")
            .WithName("Health")
            .AllowAnonymous()
            .Produces<HealthResponse>()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CheckAsync(IEventStore eventStore, ProjectionStatusBoard board, ProjectionsHostedService host, ReactorStatusBoard reactorBoard, ReactorsHostedService reactorHost, string provider, PaymentsProviderHealth payments, ILogger logger, CancellationToken cancellationToken)
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

        var reactors = reactorHost.Names
            .Select(name => reactorBoard.Get(name) is { } progress
                ? new ReactorHealth(name, ToSnakeCase(progress.State.ToString()), progress.Position, head - progress.Position, progress.Parked.Count, progress.LastError, progress.UpdatedAt)
                : new ReactorHealth(name, "not_started", 0, head, 0, null, DateTimeOffset.MinValue))
            .ToList();

        var status = storeError is not null
            ? "unhealthy"
            : projections.Any(p => p.State is "faulted" or "not_started") || reactors.Any(r => r.State is "faulted" or "not_started") ? "degraded" : "healthy";
        var response = new HealthResponse(status, new EventStoreHealth(storeError is null ? "up" : "down", provider, head, storeError), projections, reactors, payments);
        return Results.Json(response, statusCode: status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check could not reach the event store")]
    private static partial void LogStoreUnreachable(ILogger logger, Exception exception);
}
