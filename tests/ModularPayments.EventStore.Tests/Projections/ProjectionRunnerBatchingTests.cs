using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.EventStore.Sqlite;
using Xunit.Sdk;

namespace ModularPayments.EventStore.Tests.Projections;

/// <summary>
/// The projection runner once live: it commits what the subscription has at hand in one read-model transaction
/// with its checkpoint, so a burst costs a few commits, and a failure half-way through a batch replays nothing twice.
/// </summary>
public sealed class ProjectionRunnerBatchingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDatabaseFile _file = new();
    private readonly string _readModels = Path.Combine(Path.GetTempPath(), $"modularpayments-rm-{Guid.NewGuid():N}");
    private readonly EventSerializer _serializer = new(new EventTypeRegistry([typeof(ProjectionRunnerBatchingTests).Assembly]));
    private readonly ProjectionStatusBoard _board = new();
    private readonly NumbersProjection _projection = new();
    private readonly SqliteEventStore _store;
    private readonly ReadModelDatabase _database;

    public ProjectionRunnerBatchingTests()
    {
        _store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = _file.Path, PollInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        _database = new ReadModelDatabase(_readModels);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _file.Dispose();
        Directory.Delete(_readModels, recursive: true);
    }

    [Fact]
    public async Task A_burst_is_committed_in_fewer_transactions_than_events_and_a_lone_event_in_one()
    {
        await AppendAsync("before", 0, 10);
        var runner = NewRunner();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.RunAsync(rebuild: false, stop.Token));
        await UntilLiveAtAsync(await _store.ReadHeadPositionAsync(), run);

        var beforeBurst = runner.Commits;
        var burst = await AppendAsync("burst", 10, 200);
        await UntilLiveAtAsync(burst, run);
        var burstCommits = runner.Commits - beforeBurst;

        var beforeLone = runner.Commits;
        var lone = await AppendAsync("lone", 210, 1);
        await UntilLiveAtAsync(lone, run);
        var loneCommits = runner.Commits - beforeLone;

        await StopAsync(stop, run);
        Assert.InRange(burstCommits, 1, 199);
        Assert.Equal(1, loneCommits);
        Assert.Equal(Enumerable.Range(0, 211), await StoredNumbersAsync());
        Assert.Equal(lone, await CheckpointAsync());
    }

    [Fact]
    public async Task A_failure_half_way_through_a_batch_rolls_rows_and_checkpoint_back_together_and_the_rerun_applies_each_event_once()
    {
        await AppendAsync("before", 0, 5);
        var runner = NewRunner();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.RunAsync(rebuild: false, stop.Token));
        var caughtUp = await _store.ReadHeadPositionAsync();
        await UntilLiveAtAsync(caughtUp, run);

        _projection.FailOn = 55;
        var burst = await AppendAsync("burst", 5, 100);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Timeout));
        Assert.Contains("55", failure.Message, StringComparison.Ordinal);

        // Whatever was committed, rows and checkpoint agree: every row at or before the checkpoint, none after it.
        var checkpoint = await CheckpointAsync();
        var stored = await StoredNumbersAsync();
        Assert.DoesNotContain(55, stored);
        Assert.Equal(Enumerable.Range(0, stored.Count), stored);
        Assert.Equal(caughtUp + stored.Count - 5, checkpoint);

        _projection.FailOn = -1;
        var rerun = Task.Run(() => NewRunner().RunAsync(rebuild: false, stop.Token));
        await UntilLiveAtAsync(burst, rerun);
        await StopAsync(stop, rerun);

        // The numbers table's primary key refuses a second apply of any event, which would fault the rerun.
        Assert.Equal(Enumerable.Range(0, 105), await StoredNumbersAsync());
        Assert.Equal(burst, await CheckpointAsync());
    }

    private ProjectionRunner NewRunner() =>
        new(_projection, _store, _serializer, _database, _board, TimeProvider.System, NullLogger<ProjectionRunner>.Instance);

    /// <summary>Appends numbered events in one append; returns the position of the last.</summary>
    private async Task<long> AppendAsync(string prefix, int first, int count)
    {
        var events = Enumerable.Range(first, count).Select(n => _serializer.Serialize(new NumberRecorded(n), Guid.NewGuid(), new EventMetadata(null, null))).ToList();
        return (await _store.AppendToStreamAsync($"{prefix}-{Guid.NewGuid():N}", ExpectedRevision.NoStream, events)).Position;
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task run)
    {
        await stop.CancelAsync();
        try
        {
            await run.WaitAsync(Timeout);
        }
        catch (OperationCanceledException)
        {
            // Stopped while committing: as good as stopped between two batches.
        }
    }

    private async Task UntilLiveAtAsync(long position, Task run)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_board.Get(_projection.Name) is not { State: ProjectionState.Live } progress || progress.Position < position)
        {
            if (run.IsCompleted)
            {
                await run;
                throw new XunitException("The runner stopped before reaching the position.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException($"The projection did not reach position {position}: {_board.Get(_projection.Name)}.");
            }

            await Task.Delay(5);
        }
    }

    private async Task<List<int>> StoredNumbersAsync()
    {
        await using var connection = await _database.OpenAsync(_projection.Name, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number FROM numbers ORDER BY number";
        await using var reader = await command.ExecuteReaderAsync();
        var numbers = new List<int>();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt32(0));
        }

        return numbers;
    }

    private async Task<long> CheckpointAsync()
    {
        await using var connection = await _database.OpenAsync(_projection.Name, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM projection_checkpoint WHERE name = $name";
        command.Parameters.AddWithValue("$name", _projection.Name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [EventType("tests.number-recorded")]
    private sealed record NumberRecorded(int Number) : IDomainEvent;

    private sealed class NumbersProjection : IReadModelProjection
    {
        private int _failOn = -1;

        /// <summary>The number whose event fails to apply, or -1.</summary>
        public int FailOn
        {
            get => Volatile.Read(ref _failOn);
            set => Volatile.Write(ref _failOn, value);
        }

        public string Name => "numbers";

        public int SchemaVersion => 1;

        public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "CREATE TABLE IF NOT EXISTS numbers (number INTEGER PRIMARY KEY, position INTEGER NOT NULL)";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DROP TABLE IF EXISTS numbers";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            var number = ((NumberRecorded)projectedEvent.Event).Number;
            if (number == FailOn)
            {
                throw new InvalidOperationException($"Refusing number {number}.");
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO numbers (number, position) VALUES ($number, $position)";
            command.Parameters.AddWithValue("$number", number);
            command.Parameters.AddWithValue("$position", projectedEvent.Record.Position);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
