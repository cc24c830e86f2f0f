using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Fintoc;
using ModularPayments.Fintoc.Resources;

namespace ModularPayments.Api.Webhooks;

/// <summary>
/// Simulator mode only: once the server listens, registers this service's <c>/webhooks/fintoc</c> on the simulator
/// through the Fintoc client, for every event type a module handles, and accepts the secret that answer carries.
/// An endpoint left by an earlier start for the same URL is deleted first (its secret is never shown again), so
/// starting twice never piles up endpoints.
/// </summary>
public sealed partial class SimulatorWebhookRegistration(
    IHostApplicationLifetime lifetime,
    IServiceScopeFactory scopes,
    WebhookInboxReactor inboxReactor,
    WebhookSecrets secrets,
    TimeProvider timeProvider,
    ILogger<SimulatorWebhookRegistration> logger) : IHostedService
{
    public const string Description = "ModularPayments (simulator mode)";

    /// <summary>Attempts before the registration is reported failed; the first can come before the server takes requests.</summary>
    private const int MaxAttempts = 8;

    private readonly TaskCompletionSource<string> _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The registered endpoint's id, once it is registered.</summary>
    public Task<string> Registered => _registered.Task;

    public string State => _registered.Task.Status switch
    {
        TaskStatus.RanToCompletion => "registered",
        TaskStatus.Faulted => "failed",
        _ => "pending",
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RegisterWithRetriesAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterWithRetriesAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var endpointId = await RegisterAsync(cancellationToken);
                _registered.TrySetResult(endpointId);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _registered.TrySetCanceled(cancellationToken);
                return;
            }
#pragma warning disable CA1031 // Reported on /health and in the log; the service still serves the API.
            catch (Exception exception) when (attempt < MaxAttempts)
#pragma warning restore CA1031
            {
                LogRetrying(logger, attempt, MaxAttempts, exception.GetType().Name);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    _registered.TrySetCanceled(cancellationToken);
                    return;
                }
            }
#pragma warning disable CA1031
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
                _registered.TrySetException(exception);
                return;
            }
        }
    }

    private async Task<string> RegisterAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(Fintoc.FintocProvider.SimulatorBaseAddress, FintocWebhookEndpoint.Path).ToString();
        await using var scope = scopes.CreateAsyncScope();
        var fintoc = scope.ServiceProvider.GetRequiredService<IFintocClient>();
        await foreach (var stale in fintoc.WebhookEndpoints.ListAsync(cancellationToken))
        {
            if (stale.Url == url)
            {
                await fintoc.WebhookEndpoints.DeleteAsync(stale.Id, cancellationToken);
            }
        }

        var events = inboxReactor.HandledEventTypes.Count > 0 ? inboxReactor.HandledEventTypes : ["*"];
        var endpoint = await fintoc.WebhookEndpoints.CreateAsync(
            new CreateWebhookEndpointRequest(url, [.. events], Description),
            "modularpayments-webhook-endpoint-" + Guid.NewGuid().ToString("N"),
            cancellationToken);
        secrets.Add(endpoint.Secret ?? throw new InvalidOperationException("The simulator answered a new webhook endpoint without its secret."));
        LogRegistered(logger, endpoint.Id, events.Count);
        return endpoint.Id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} registered on the simulator for {EventTypeCount} event types")]
    private static partial void LogRegistered(ILogger logger, string endpointId, int eventTypeCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the webhook endpoint on the simulator failed (attempt {Attempt} of {MaxAttempts}, {Error}); trying again")]
    private static partial void LogRetrying(ILogger logger, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the webhook endpoint on the simulator: webhooks will not arrive")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
