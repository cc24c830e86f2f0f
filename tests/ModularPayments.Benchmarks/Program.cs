using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using ModularPayments.BuildingBlocks.EventStore;
using ModularPayments.EventStore.Sqlite;

// Throughput of the embedded SQLite event store.
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- [appends=5000] [--keep]
// A billing run of N due mandates (the Mandates module on the SQLite store, Charges replaced by a counter):
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --mandates [N=10000]
// The Fintoc layer (signature checks, the client against the simulator over loopback HTTP):
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --fintoc
// Appends with 1, 8 and 32 concurrent writers, and a projection rebuild of a million events:
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --store-load [rebuild-events=1000000]
// The HTTP load benchmark (the service against a bare endpoint; writes docs/benchmarks.md and its chart):
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --http [--quick] [--levels=1,4,16,32,64] [--duration=6] [--rate=1000]
// A billing run of N due mandates end to end (Mandates, Charges, the in-process simulator with Fintoc's limit):
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --billing-e2e [N=100000]
// Charges end to end against the simulator with Fintoc's 100 requests/s limit:
//   dotnet run -c Release --project tests/ModularPayments.Benchmarks -- --charges [charges=1000]
// Every figure is one run of a Stopwatch over a fresh temp database file (synchronous=FULL, WAL), so treat it as an
// order of magnitude for this machine's disk, not as a statistically careful measurement.

if (args.Contains("--mandates", StringComparer.Ordinal))
{
    var count = args.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
    await ModularPayments.Benchmarks.BillingBenchmarks.RunAsync(count > 0 ? count : 10_000);
    return 0;
}

if (args.Contains("--billing-e2e", StringComparer.Ordinal))
{
    var count = args.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
    await ModularPayments.Benchmarks.BillingEndToEndBenchmark.RunAsync(count > 0 ? count : 100_000);
    return 0;
}

if (args.Contains("--fintoc", StringComparer.Ordinal))
{
    await ModularPayments.Benchmarks.FintocBenchmarks.RunAsync();
    return 0;
}

if (args.Contains("--store-load", StringComparer.Ordinal))
{
    var rebuildEvents = args.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
    await ModularPayments.Benchmarks.StoreLoadBenchmarks.RunAsync(rebuildEvents > 0 ? rebuildEvents : 1_000_000);
    return 0;
}

if (args.Contains("--charges", StringComparer.Ordinal))
{
    var charges = args.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
    await ModularPayments.Benchmarks.ChargesBenchmark.RunAsync(charges > 0 ? charges : 1_000);
    return 0;
}

if (args.Contains("--http", StringComparer.Ordinal))
{
    await ModularPayments.Benchmarks.Http.HttpBenchmark.RunAsync(args);
    return 0;
}

var appends = args.Select(a => int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
if (appends == 0)
{
    appends = 5000;
}

var keep = args.Contains("--keep", StringComparer.Ordinal);
const int writers = 8;
const int batchSize = 10;
var path = Path.Combine(Path.GetTempPath(), $"modularpayments-bench-{Guid.NewGuid():N}.db");
var payload = Encoding.UTF8.GetBytes("""{"paymentId":"3f2c1e0a-9b8d-4c7e-a6f5-1d2e3c4b5a69","amount":"1234.56","currency":"EUR","payer":"DE89370400440532013000","payee":"FR1420041010050500013M02606","reference":"Invoice 2024-000123"}""");
var metadata = Encoding.UTF8.GetBytes("""{"correlationId":"8d7f0b5e-2a1c-4e3f-9b8a-7c6d5e4f3a21","causationId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}""");
var results = new List<Row>();

Console.WriteLine($"SQLite event store benchmark: {appends} appends per write scenario, payload {payload.Length} B + metadata {metadata.Length} B");
Console.WriteLine($"Database: {path}");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();

try
{
    using var store = new SqliteEventStore(new SqliteEventStoreOptions { FilePath = path }, TimeProvider.System);

    // Warm-up: JIT, connection pool, schema pages. Not measured.
    for (var i = 0; i < 50; i++)
    {
        await store.AppendToStreamAsync($"warmup-{i}", ExpectedRevision.NoStream, [NewEvent()]);
    }

    await foreach (var _ in store.ReadAllAsync(LogPosition.Start, long.MaxValue))
    {
    }

    // 1. One writer, one event per append, on one stream with exact expected revisions (an aggregate's life).
    var singleStream = "single-" + Guid.NewGuid().ToString("N");
    await Measure("append, 1 writer, 1 event/append", appends, appends, async () =>
    {
        for (var i = 0; i < appends; i++)
        {
            await store.AppendToStreamAsync(singleStream, ExpectedRevision.FromLastRevision(i - 1), [NewEvent()]);
        }
    });

    // 2. One writer, batches of ten events per append.
    var batchStream = "batch-" + Guid.NewGuid().ToString("N");
    var batches = Math.Max(1, appends / batchSize);
    await Measure($"append, 1 writer, {batchSize} events/append", batches * batchSize, batches, async () =>
    {
        for (var i = 0; i < batches; i++)
        {
            var batch = Enumerable.Range(0, batchSize).Select(_ => NewEvent()).ToList();
            await store.AppendToStreamAsync(batchStream, ExpectedRevision.FromLastRevision((i * batchSize) - 1), batch);
        }
    });

    // 3. Eight concurrent writers, each on its own stream, one event per append.
    var perWriter = Math.Max(1, appends / writers);
    await Measure($"append, {writers} writers, own streams, 1 event/append", perWriter * writers, perWriter * writers, async () =>
    {
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var stream = $"writer{w}-{Guid.NewGuid():N}";
            for (var i = 0; i < perWriter; i++)
            {
                await store.AppendToStreamAsync(stream, ExpectedRevision.FromLastRevision(i - 1), [NewEvent()]);
            }
        }));
        await Task.WhenAll(tasks);
    });

    // 4. The whole global log, forwards.
    var total = await store.ReadHeadPositionAsync();
    var readAllCount = 0L;
    await Measure("ReadAll, whole log", total, 1, async () =>
    {
        await foreach (var _ in store.ReadAllAsync(LogPosition.Start, long.MaxValue))
        {
            readAllCount++;
        }
    });

    // 5. One long stream, forwards.
    await Measure($"ReadStream, 1 stream of {appends} events", appends, 1, async () =>
    {
        await foreach (var _ in store.ReadStreamAsync(singleStream, ReadDirection.Forwards, StreamRevision.Start, long.MaxValue))
        {
        }
    });

    // 6. Many short stream reads: loading ten-event aggregates.
    var aggregateStreams = Enumerable.Range(0, 100).Select(i => $"aggregate{i}-{Guid.NewGuid():N}").ToList();
    foreach (var stream in aggregateStreams)
    {
        await store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Enumerable.Range(0, 10).Select(_ => NewEvent()).ToList());
    }

    var loads = Math.Max(100, appends / 5);
    await Measure("ReadStream, 10-event aggregate loads", loads * 10L, loads, async () =>
    {
        for (var i = 0; i < loads; i++)
        {
            await foreach (var _ in store.ReadStreamAsync(aggregateStreams[i % aggregateStreams.Count], ReadDirection.Forwards, StreamRevision.Start, long.MaxValue))
            {
            }
        }
    });

    // 7. A catch-up subscription replaying the whole log until it reports CaughtUp.
    var head = await store.ReadHeadPositionAsync();
    var replayed = 0L;
    await Measure("SubscribeToAll, catch-up replay", head, 1, async () =>
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var message in store.SubscribeToAllAsync(LogPosition.Start, cancel.Token))
        {
            if (message is SubscriptionMessage.Event)
            {
                replayed++;
            }
            else if (message is SubscriptionMessage.CaughtUp)
            {
                break;
            }
        }
    });

    if (readAllCount != total || replayed != head)
    {
        throw new InvalidOperationException($"Read {readAllCount} of {total} events, replayed {replayed} of {head}.");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
}

var fileBytes = new[] { "", "-wal" }.Select(s => new FileInfo(path + s)).Where(f => f.Exists).Sum(f => f.Length);
Print();

if (!keep)
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(path + suffix);
    }
}

return 0;

EventData NewEvent() => new(Guid.NewGuid(), "PaymentAuthorised", payload, metadata);

async Task Measure(string name, long events, long operations, Func<Task> body)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    await body();
    clock.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    results.Add(new Row(name, events, operations, clock.Elapsed, allocated));
}

void Print()
{
    var header = $"{"Scenario",-48} {"Events",8} {"Ops",7} {"Time ms",9} {"Events/s",11} {"Ops/s",10} {"µs/op",9} {"Alloc/event",12}";
    Console.WriteLine(header);
    Console.WriteLine(new string('-', header.Length));
    foreach (var row in results)
    {
        var seconds = row.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{row.Name,-48} {row.Events,8} {row.Operations,7} {row.Elapsed.TotalMilliseconds,9:F0} {row.Events / seconds,11:N0} {row.Operations / seconds,10:N0} {row.Elapsed.TotalMicroseconds / row.Operations,9:N0} {FormatBytes(row.AllocatedBytes / Math.Max(1, row.Events)),12}"));
    }

    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine();
    Console.WriteLine($"Peak working set:       {FormatBytes(process.PeakWorkingSet64)}");
    Console.WriteLine($"GC allocated (total):   {FormatBytes(GC.GetTotalAllocatedBytes(precise: true))}");
    Console.WriteLine($"GC collections 0/1/2:   {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    Console.WriteLine($"Database file + WAL:    {FormatBytes(fileBytes)}");
}

static string FormatBytes(long bytes) => bytes switch
{
    >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
    >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
    >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):F1} KiB"),
    _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
};

internal sealed record Row(string Name, long Events, long Operations, TimeSpan Elapsed, long AllocatedBytes);
