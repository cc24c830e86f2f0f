using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ModularPayments.Fintoc.Tests;

/// <summary>The client as the host registers it (Refit, the handler pipeline), over a scripted handler and a fake clock, with captured logs.</summary>
public sealed class ClientHarness
{
    public const string SecretKey = "sk_test_harness_SECRET_0123456789";

    private readonly ServiceProvider _services;

    public ClientHarness(Action<FintocOptions>? configure = null)
    {
        Handler.Clock = Clock;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddFintocClient(options =>
            {
                options.BaseAddress = new Uri("https://api.fintoc.test/");
                options.SecretKey = SecretKey;
                options.InitialBackoff = TimeSpan.FromSeconds(1);
                options.MaxBackoff = TimeSpan.FromSeconds(16);
                options.MaxRetries = 3;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IFintocClient>();
    }

    public ScriptedHandler Handler { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public CapturingLoggerFactory Logs { get; } = new();

    public FintocOptions Options => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FintocOptions>>().Value;

    public IServiceProvider Services => _services;

    public IFintocClient Client { get; }

    /// <summary>Runs a call whose retries and rate limit wait on the fake clock, moving it until the call ends.</summary>
    public async Task<T> RunAsync<T>(Func<IFintocClient, Task<T>> call)
    {
        var task = call(Client);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The call did not finish.");
            }

            Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        return await task;
    }
}

public sealed class CapturingLoggerFactory : ILoggerProvider
{
    public List<string> Lines { get; } = [];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

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
