using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModularPayments.IntegrationTests;

/// <summary>The real service as a separate OS process (<c>dotnet ModularPayments.Api.dll</c>), for crash and logging tests.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every line the service wrote to standard output, in order.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <param name="workingDirectory">Where the service is started from; by default the folder it was built into.</param>
    /// <param name="extraArguments">More command-line settings, e.g. <c>--Fintoc:WebhookSecrets:0 whsec_...</c>.</param>
    /// <param name="port">The port to listen on (a restart on the port a standalone simulator delivers webhooks to); a free one by default.</param>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, string? workingDirectory = null, IEnumerable<string>? extraArguments = null, int? port = null)
    {
        var apiDll = Path.Combine(AppContext.BaseDirectory, "ModularPayments.Api.dll");
        Assert.True(File.Exists(apiDll), $"Expected the API beside the tests at {apiDll}");
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { apiDll, "--urls", $"http://127.0.0.1:{port}", "--Storage:DataDirectory", dataDirectory },
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in extraArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                service.Output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"The service exited with code {(process.HasExited ? process.ExitCode : 0)} while starting.");
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
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

        service.Dispose();
        throw new TimeoutException("The service did not answer /health within 30 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
