using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.BuildingBlocks.EventSourcing;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.BuildingBlocks.Projections;
using ModularPayments.EventStore.Sqlite;

namespace ModularPayments.Benchmarks;

/// <summary>
/// The event store under concurrent writers and the projection runner replaying a large log:
/// <c>dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --store-load [rebuild-events=1000000]</c>.
/// Appends are one event each on the writer's own stream with exact revisions (an aggregate's life), so a 32-writer
/// figure shows what group commit buys. The rebuild replays the whole log into a one-table projection through the
/// real <see cref="ProjectionRunner"/>, deserialising every event.
/// </summary>
internal static class StoreLoadBenchmarks
{
    private const int AppendsPerScenario = 4_000;
    private const int EventsPerFillAppend = 1_000;

    private static readonly byte[] Metadata = Encoding.UTF8.GetBytes("""{"correlationId":"8d7f0b5e-2a1c-4e3f-9b8a-7c6d5e4f3a21","causationId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}""");

    public static async Task RunAsync(int rebuildEvents)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"modularpayments-store-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        Console.WriteLine($"Event store under load: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"Data: {directory} (WAL, synchronous=FULL)");
        Console.WriteLine();
        Console.WriteLine($"| {"scenario",-52} | {"events",9} | {"events/s",10} | {"p50 ms",7} | {"p99 ms",7} | {"CPU µs/event",12} |");
        Console.WriteLine($"|{new string('-', 54)}|{new string('-', 11)}|{new string('-', 12)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 14)}|");
        try
        {
            using (var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = Path.Combine(directory, "appends.db") }, TimeProvider.System))
            {
                await AppendsAsync(store, writers: 1, appends: 50);
                foreach (var writers in new[] { 1, 8, 32 })
                {
                    var (events, elapsed, latencies) = await AppendsAsync(store, writers, AppendsPerScenario);
                    Print($"append, {writers} writer(s), own streams, 1 event/append", events, elapsed, latencies);
                }
            }

            await RebuildAsync(directory, rebuildEvents);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(long Events, TimeSpan Elapsed, List<double> Latencies)> AppendsAsync(SqliteEventStore store, int writers, int appends)
    {
        var perWriter = Math.Max(1, appends / writers);
        var latencies = new List<double>[writers];
        StartCpuClock();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var stream = $"writer{w}-{Guid.NewGuid():N}";
            var own = latencies[w] = new List<double>(perWriter);
            for (var i = 0; i < perWriter; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.AppendToStreamAsync(stream, ExpectedRevision.FromLastRevision(i - 1), [NewEvent()]);
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        return (perWriter * (long)writers, clock.Elapsed, [.. latencies.SelectMany(l => l)]);
    }

    private static async Task RebuildAsync(string directory, int events)
    {
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = Path.Combine(directory, "rebuild.db") }, TimeProvider.System);
        StartCpuClock();
        var fill = Stopwatch.StartNew();
        for (var written = 0; written < events; written += EventsPerFillAppend)
        {
            var batch = Enumerable.Range(0, Math.Min(EventsPerFillAppend, events - written)).Select(_ => NewEvent()).ToList();
            await store.AppendToStreamAsync($"payment-{written / EventsPerFillAppend}", ExpectedRevision.NoStream, batch);
        }

        fill.Stop();
        Print($"fill: 1 writer, {EventsPerFillAppend} events/append", events, fill.Elapsed, []);

        var head = await store.ReadHeadPositionAsync();
        var board = new ProjectionStatusBoard();
        var projection = new PaymentsPerStreamProjection();
        var runner = new ProjectionRunner(
            projection,
            store,
            new EventSerializer(new EventTypeRegistry([typeof(StoreLoadBenchmarks).Assembly])),
            new ReadModelDatabase(Path.Combine(directory, "read-models")),
            board,
            TimeProvider.System,
            NullLogger<ProjectionRunner>.Instance);
        using var stop = new CancellationTokenSource();
        StartCpuClock();
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => runner.RunAsync(rebuild: true, stop.Token));
        while (board.Get(projection.Name) is not { State: ProjectionState.Live } progress || progress.Position < head)
        {
            if (run.IsCompleted)
            {
                await run;
                throw new InvalidOperationException("The projection runner stopped before catching up.");
            }

            await Task.Delay(5);
        }

        clock.Stop();
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        if (projection.Applied != events)
        {
            throw new InvalidOperationException($"Applied {projection.Applied} of {events} events.");
        }

        Print($"projection rebuild through ProjectionRunner", events, clock.Elapsed, []);
    }

    private static TimeSpan s_cpuAtStart;

    // The process's CPU time over a scenario, per event: on a shared machine, the figure that says whether a rate is
    // bound by the disk (low) or by the processor (high).
    private static void StartCpuClock() => s_cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    private static void Print(string name, long events, TimeSpan elapsed, List<double> latencies)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - s_cpuAtStart;
        latencies.Sort();
        string At(double quantile) => latencies.Count == 0 ? "" : latencies[Math.Min(latencies.Count - 1, (int)(quantile * latencies.Count))].ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-52} | {events,9} | {events / elapsed.TotalSeconds,10:N0} | {At(0.50),7} | {At(0.99),7} | {cpu.TotalMicroseconds / events,12:F0} |"));
    }

    private static EventData NewEvent()
    {
        var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"paymentId":"{{Guid.NewGuid()}}","amount":123456,"currency":"CLP"}"""));
        return new EventData(Guid.NewGuid(), BenchPaymentAuthorised.Name, data, Metadata);
    }

    [EventType(Name)]
    private sealed record BenchPaymentAuthorised(Guid PaymentId, long Amount, string Currency) : IDomainEvent
    {
        public const string Name = "bench.payment-authorised";
    }

    /// <summary>A read model with one upserted row per stream: totals, as a list projection would keep them.</summary>
    private sealed class PaymentsPerStreamProjection : IReadModelProjection
    {
        public long Applied { get; private set; }

        public string Name => "bench-payments";

        public int SchemaVersion => 1;

        public async Task CreateSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "CREATE TABLE IF NOT EXISTS payments (stream TEXT PRIMARY KEY, count INTEGER NOT NULL, total INTEGER NOT NULL)";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task DropSchemaAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            Applied = 0;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DROP TABLE IF EXISTS payments";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task ApplyAsync(ProjectedEvent projectedEvent, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
        {
            if (projectedEvent.Event is not BenchPaymentAuthorised authorised)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO payments (stream, count, total) VALUES ($stream, 1, $amount)
                ON CONFLICT (stream) DO UPDATE SET count = count + 1, total = total + excluded.total
                """;
            command.Parameters.AddWithValue("$stream", projectedEvent.Record.StreamId);
            command.Parameters.AddWithValue("$amount", authorised.Amount);
            await command.ExecuteNonQueryAsync(cancellationToken);
            Applied++;
        }
    }
}
