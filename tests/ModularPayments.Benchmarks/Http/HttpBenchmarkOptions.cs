using System.Globalization;

namespace ModularPayments.Benchmarks.Http;

/// <summary>
/// The command line of <c>--http</c>: <c>--quick</c>, <c>--levels=1,4,16,32,64</c>, <c>--duration=5</c> (seconds per
/// step), <c>--warmup=2</c> (seconds per workload), <c>--rate=1000</c> (open loop, requests/s), <c>--workloads=customers,webhooks,get</c>,
/// <c>--out=DIR</c> (where docs/benchmarks.md and the chart go; the repository root by default).
/// </summary>
internal sealed record HttpBenchmarkOptions(
    IReadOnlyList<int> Levels,
    TimeSpan StepDuration,
    TimeSpan Warmup,
    int OpenLoopRate,
    TimeSpan OpenLoopDuration,
    IReadOnlyList<string> Workloads,
    string OutputDirectory,
    bool Quick)
{
    public static readonly IReadOnlyList<string> AllWorkloads = [Workload.Customers, Workload.Webhooks, Workload.GetCustomer];

    public static HttpBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick", StringComparer.Ordinal);
        var levels = Value(args, "--levels")?.Split(',').Select(ParsePositive).ToList() ?? (quick ? [1, 32] : [1, 4, 16, 32, 64]);
        var seconds = Value(args, "--duration") is { } d ? ParsePositive(d) : quick ? 2 : 6;
        var warmup = Value(args, "--warmup") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : quick ? 1 : 2;
        var rate = Value(args, "--rate") is { } r ? ParsePositive(r) : 1000;
        var workloads = Value(args, "--workloads")?.Split(',').ToList() ?? [.. AllWorkloads];
        foreach (var workload in workloads.Where(w => !AllWorkloads.Contains(w)))
        {
            throw new ArgumentException($"--workloads: unknown workload '{workload}'; known: {string.Join(", ", AllWorkloads)}.");
        }

        var output = Value(args, "--out") ?? FindRepositoryRoot();
        return new HttpBenchmarkOptions(levels, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), rate, TimeSpan.FromSeconds(seconds), workloads, output, quick);
    }

    private static string? Value(IReadOnlyList<string> args, string name) =>
        args.Where(a => a.StartsWith(name + "=", StringComparison.Ordinal)).Select(a => a[(name.Length + 1)..]).LastOrDefault();

    private static int ParsePositive(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Expected a positive whole number, got '{text}'.");

    /// <summary>The folder holding ModularPayments.sln, from the working directory up (dotnet run keeps it).</summary>
    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModularPayments.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository, or pass --out=DIR.");
    }
}
