using System.Diagnostics;

namespace ModularPayments.Benchmarks.Http;

/// <summary>Working set sampled every 100 ms, process CPU time and GC counts over one step.</summary>
internal sealed class ResourceProbe : IAsyncDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly TimeSpan _cpuAtStart;
    private readonly int[] _gcAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly long[]? _machineAtStart = MachineTimes();
    private long _peak;
    private long _peakHeap;

    public ResourceProbe()
    {
        _cpuAtStart = _process.TotalProcessorTime;
        _sampling = SampleAsync();
    }

    public async Task<Resources> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _process.Refresh();
        Sample();
        var elapsed = Stopwatch.GetElapsedTime(_startedAt);
        var cpu = _process.TotalProcessorTime - _cpuAtStart;
        var machineBusy = double.NaN;
        if (_machineAtStart is not null && MachineTimes() is { } now)
        {
            var total = now[0] - _machineAtStart[0];
            machineBusy = total <= 0 ? double.NaN : (total - (now[1] - _machineAtStart[1])) / (double)total;
        }

        return new Resources(_peak, _peakHeap, cpu, cpu / elapsed, machineBusy, [GC.CollectionCount(0) - _gcAtStart[0], GC.CollectionCount(1) - _gcAtStart[1], GC.CollectionCount(2) - _gcAtStart[2]]);
    }

    /// <summary>All CPUs' jiffies from /proc/stat: total, and idle plus I/O wait (null off Linux).</summary>
    private static long[]? MachineTimes()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return [fields.Sum(), fields[3] + fields[4]];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampling;
        }

        _stop.Dispose();
        _process.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        _process.Refresh();
        _peak = Math.Max(_peak, _process.WorkingSet64);
        _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary><paramref name="MachineBusy"/>: the share of all CPUs' time spent running anything, other processes included.</summary>
internal sealed record Resources(long PeakWorkingSet, long PeakManagedHeap, TimeSpan CpuTime, double CpuCores, double MachineBusy, int[] Collections);

/// <summary>
/// Where the service's time goes, from the activities it already emits: each request's span (ASP.NET Core hosting)
/// and each event-store append, split into appends made inside a request and appends made by background work
/// (projections do not append; reactors and the webhook inbox do).
/// </summary>
internal sealed class ServerProfile : IDisposable
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const string EventStoreSource = "ModularPayments.EventStore";

    private readonly ActivityListener _listener;
    private readonly Lock _gate = new();
    private Breakdown _current = new();

    public ServerProfile()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AspNetCoreSource or EventStoreSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Breakdown Take()
    {
        lock (_gate)
        {
            var taken = _current;
            _current = new Breakdown();
            return taken;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        lock (_gate)
        {
            if (activity.Source.Name == AspNetCoreSource)
            {
                // The simulator is served by the same Kestrel (the customer mirror calls it); /health is the probe.
                var path = activity.GetTagItem("url.path") as string ?? "";
                if (path.StartsWith("/simulator", StringComparison.Ordinal))
                {
                    _current.SimulatorRequests++;
                }
                else if (path != "/health")
                {
                    _current.Requests++;
                    _current.RequestTime += activity.Duration;
                }
            }
            else if (activity.OperationName == "eventstore append")
            {
                if (InsideRequest(activity))
                {
                    _current.RequestAppends++;
                    _current.RequestAppendTime += activity.Duration;
                }
                else
                {
                    _current.BackgroundAppends++;
                    _current.BackgroundAppendTime += activity.Duration;
                }
            }
            else if (InsideRequest(activity))
            {
                _current.RequestReads++;
                _current.RequestReadTime += activity.Duration;
            }
        }
    }

    private static bool InsideRequest(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source.Name == AspNetCoreSource)
            {
                return true;
            }
        }

        return false;
    }

    internal sealed class Breakdown
    {
        public long Requests { get; set; }

        public long SimulatorRequests { get; set; }

        public TimeSpan RequestTime { get; set; }

        public long RequestAppends { get; set; }

        public TimeSpan RequestAppendTime { get; set; }

        public long RequestReads { get; set; }

        public TimeSpan RequestReadTime { get; set; }

        public long BackgroundAppends { get; set; }

        public TimeSpan BackgroundAppendTime { get; set; }

        public double MeanRequestMs => Requests == 0 ? 0 : RequestTime.TotalMilliseconds / Requests;

        public double MeanAppendMs => RequestAppends == 0 ? 0 : RequestAppendTime.TotalMilliseconds / RequestAppends;

        public double AppendMsPerRequest => Requests == 0 ? 0 : RequestAppendTime.TotalMilliseconds / Requests;

        public double ReadMsPerRequest => Requests == 0 ? 0 : RequestReadTime.TotalMilliseconds / Requests;
    }
}
