using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>
/// Feeds one projection from the global log. Rows and checkpoint commit together: in batches while catching up,
/// event by event once live. A failure rolls the batch back and the runner starts again from the stored checkpoint.
/// </summary>
public sealed partial class ProjectionRunner(
    IReadModelProjection projection,
    IEventStore eventStore,
    EventSerializer serializer,
    ReadModelDatabase database,
    ProjectionStatusBoard statusBoard,
    TimeProvider timeProvider,
    ILogger<ProjectionRunner> logger)
{
    private const int CatchUpBatchSize = 256;

    public string Name => projection.Name;

    /// <summary>Runs until cancelled. With <paramref name="rebuild"/> the read model is emptied and replayed from the start.</summary>
    public async Task RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(projection.Name, cancellationToken);
        await ProjectionCheckpoints.EnsureTableAsync(connection, cancellationToken);
        var position = await PrepareAsync(connection, rebuild, cancellationToken);
        Report(ProjectionState.CatchingUp, position);

        SqliteTransaction? transaction = null;
        var pending = 0;
        var live = false;
        try
        {
            await foreach (var message in eventStore.SubscribeToAllAsync(position, cancellationToken))
            {
                switch (message)
                {
                    case SubscriptionMessage.Event { Record: var record }:
                        transaction ??= connection.BeginTransaction();
                        var domainEvent = serializer.Deserialize(record);
                        if (domainEvent is not null)
                        {
                            await projection.ApplyAsync(new ProjectedEvent(domainEvent, record), connection, transaction, cancellationToken);
                        }

                        position = record.Position;
                        pending++;
                        if (live || pending >= CatchUpBatchSize)
                        {
                            await CommitAsync(connection, transaction, position, cancellationToken);
                            transaction = null;
                            pending = 0;
                        }

                        break;
                    case SubscriptionMessage.Checkpoint or SubscriptionMessage.CaughtUp:
                        position = Math.Max(position, message switch
                        {
                            SubscriptionMessage.Checkpoint checkpoint => checkpoint.Position,
                            SubscriptionMessage.CaughtUp caughtUp => caughtUp.Position,
                            _ => position,
                        });
                        transaction ??= connection.BeginTransaction();
                        await CommitAsync(connection, transaction, position, cancellationToken);
                        transaction = null;
                        pending = 0;
                        live |= message is SubscriptionMessage.CaughtUp;
                        Report(live ? ProjectionState.Live : ProjectionState.CatchingUp, position);
                        break;
                }
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }
        }
    }

    public void ReportFault(Exception exception, long? position = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var previous = statusBoard.Get(projection.Name);
        LogFaulted(logger, projection.Name, exception);
        statusBoard.Report(new ProjectionProgress(projection.Name, ProjectionState.Faulted, position ?? previous?.Position ?? 0, exception.GetType().Name + ": " + exception.Message, timeProvider.GetUtcNow()));
    }

    private async Task<long> PrepareAsync(SqliteConnection connection, bool rebuild, CancellationToken cancellationToken)
    {
        var checkpoint = await ProjectionCheckpoints.ReadAsync(connection, projection.Name, cancellationToken);
        var reset = rebuild || checkpoint is null || checkpoint.Value.SchemaVersion != projection.SchemaVersion;
        await using var transaction = connection.BeginTransaction();
        if (reset)
        {
            Report(ProjectionState.Rebuilding, LogPosition.Start);
            LogRebuilding(logger, projection.Name, rebuild ? "requested" : checkpoint is null ? "first start" : "schema version changed");
            await projection.DropSchemaAsync(connection, transaction, cancellationToken);
        }

        await projection.CreateSchemaAsync(connection, transaction, cancellationToken);
        var position = reset ? LogPosition.Start : checkpoint!.Value.Position;
        await ProjectionCheckpoints.WriteAsync(connection, transaction, projection.Name, position, projection.SchemaVersion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return position;
    }

    private async Task CommitAsync(SqliteConnection connection, SqliteTransaction transaction, long position, CancellationToken cancellationToken)
    {
        await ProjectionCheckpoints.WriteAsync(connection, transaction, projection.Name, position, projection.SchemaVersion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        var state = statusBoard.Get(projection.Name)?.State is ProjectionState.Live ? ProjectionState.Live : ProjectionState.CatchingUp;
        Report(state, position);
    }

    private void Report(ProjectionState state, long position) =>
        statusBoard.Report(new ProjectionProgress(projection.Name, state, position, null, timeProvider.GetUtcNow()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} is rebuilt from the start ({Reason})")]
    private static partial void LogRebuilding(ILogger logger, string projection, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} failed; it restarts from its last checkpoint")]
    private static partial void LogFaulted(ILogger logger, string projection, Exception exception);
}
