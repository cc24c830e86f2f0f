using System.Runtime.InteropServices;

namespace ModularPayments.Benchmarks.Http;

/// <summary>What the figures were measured on, read where Linux exposes it (blank elsewhere).</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCpus, string Os, string Runtime, string LoadAverage)
{
    public string Summary => $"{Cpu}, {LogicalCpus} logical CPUs, {Os}, .NET {Runtime}, load average at start {LoadAverage}";

    public static MachineInfo Read() => new(
        ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        Environment.Version.ToString(),
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a");

    private static string? ReadLine(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}
