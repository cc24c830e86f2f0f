using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;

namespace ModularPayments.BuildingBlocks.Projections;

/// <summary>
/// Feeds one projection from the global log. Rows and checkpoint commit together, in batches of what the subscription
/// has at hand: up to <see cref="MaxBatchSize"/> while catching up or under load, one event when the log is quiet.
/// A failure rolls the batch back and the runner starts again from the stored checkpoint.
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
    private const int MaxBatchSize = 1024;
    private long _commits;

    public string Name => projection.Name;

    /// <summary>Read-model transactions committed by this runner since it was made (each with its checkpoint).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs until cancelled. With <paramref name="rebuild"/> the read model is emptied and replayed from the start.</summary>
    public async Task RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(projection.Name, cancellationToken);
        await ProjectionCheckpoints.EnsureTableAsync(connection, cancellationToken);
        var position = await PrepareAsync(connection, rebuild, cancellationToken);
        Report(ProjectionState.CatchingUp, position);

        // Stopping the subscription before leaving: an enumerator cannot be disposed while a read is in flight.
        using var subscription = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var messages = eventStore.SubscribeToAllAsync(position, subscription.Token).GetAsyncEnumerator(subscription.Token);
        var next = messages.MoveNextAsync();
        var reading = true;
        SqliteTransaction? transaction = null;
        var pending = 0;
        var dirty = false;
        var live = false;
        try
        {
            while (true)
            {
                // Adaptive batching: commit when the subscription has nothing more at hand (one event when idle, all
                // that arrived together under load), or when the batch is full.
                if (dirty && (!next.IsCompleted || pending >= MaxBatchSize))
                {
                    transaction ??= connection.BeginTransaction();
                    await CommitAsync(connection, transaction, position, live, cancellationToken);
                    transaction = null;
                    pending = 0;
                    dirty = false;
                }

                reading = false;
                if (!await next)
                {
                    break;
                }

                switch (messages.Current)
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
                        dirty = true;
                        break;
                    case SubscriptionMessage.Checkpoint checkpoint:
                        position = Math.Max(position, checkpoint.Position);
                        dirty = true;
                        break;
                    case SubscriptionMessage.CaughtUp caughtUp:
                        position = Math.Max(position, caughtUp.Position);
                        dirty = true;
                        live = true;
                        break;
                }

                next = messages.MoveNextAsync();
                reading = true;
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await transaction.DisposeAsync();
            }

            if (reading)
            {
                await subscription.CancelAsync();
                try
                {
                    await next;
                }
#pragma warning disable CA1031 // The run is over either way; the reason that matters is already propagating.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }

            await messages.DisposeAsync();
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

    private async Task CommitAsync(SqliteConnection connection, SqliteTransaction transaction, long position, bool live, CancellationToken cancellationToken)
    {
        await ProjectionCheckpoints.WriteAsync(connection, transaction, projection.Name, position, projection.SchemaVersion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        Interlocked.Increment(ref _commits);
        Report(live ? ProjectionState.Live : ProjectionState.CatchingUp, position);
    }

    private void Report(ProjectionState state, long position) =>
        statusBoard.Report(new ProjectionProgress(projection.Name, state, position, null, timeProvider.GetUtcNow()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} is rebuilt from the start ({Reason})")]
    private static partial void LogRebuilding(ILogger logger, string projection, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} failed; it restarts from its last checkpoint")]
    private static partial void LogFaulted(ILogger logger, string projection, Exception exception);
}
