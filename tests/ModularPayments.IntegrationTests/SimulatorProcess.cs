using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModularPayments.IntegrationTests;

/// <summary>The standalone Fintoc simulator as its own OS process: it outlives a service killed with SIGKILL.</summary>
public sealed class SimulatorProcess : IDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:5081/</c> (its API is under <c>/simulator</c>).</summary>
    public Uri BaseAddress { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SimulatorProcess> StartAsync(int port, IEnumerable<string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ModularPayments.Fintoc.Simulator.dll");
        Assert.True(File.Exists(dll), $"Expected the simulator beside the tests at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default", "Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var simulator = new SimulatorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "The simulator exited while starting.");
            try
            {
                if ((await probe.GetAsync("/simulator/test-helpers/clock")).StatusCode == HttpStatusCode.OK)
                {
                    return simulator;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        simulator.Dispose();
        throw new TimeoutException("The simulator did not answer within 30 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
