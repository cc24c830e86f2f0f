using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc.Http;

namespace ModularPayments.Fintoc.Tests;

/// <summary>A client over a scripted handler and a manual clock, with captured logs.</summary>
public sealed class ClientHarness
{
    public const string SecretKey = "sk_test_harness_SECRET_0123456789";

    public ClientHarness(Action<FintocOptions>? configure = null)
    {
        Options = new FintocOptions
        {
            BaseAddress = new Uri("https://api.fintoc.test/"),
            SecretKey = SecretKey,
            InitialBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(16),
            MaxRetries = 3,
        };
        configure?.Invoke(Options);
        Handler.Clock = Clock;
        var http = new HttpClient(Handler) { BaseAddress = Options.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        Client = new FintocClient(http, Options, Clock, Logs.CreateLogger<FintocClient>(), new RequestRateLimiter(Options.RequestsPerSecond, Clock));
    }

    public ScriptedHandler Handler { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    public FintocOptions Options { get; }

    public FintocClient Client { get; }

    /// <summary>Runs a call whose retries wait on the manual clock, advancing it until the call ends.</summary>
    public async Task<T> RunAsync<T>(Func<FintocClient, Task<T>> call)
    {
        var task = call(Client);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The call did not finish.");
            }

            if (Clock.PendingTimers > 0)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(250));
            }
            else
            {
                await Task.Delay(5);
            }
        }

        return await task;
    }
}

public sealed class CapturingLoggerFactory : ILoggerFactory, ILoggerProvider
{
    public List<string> Lines { get; } = [];

    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines)
            {
                owner.Lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
