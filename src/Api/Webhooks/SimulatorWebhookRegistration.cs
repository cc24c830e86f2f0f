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
    ILogger<SimulatorWebhookRegistration> logger) : IHostedService
{
    public const string Description = "ModularPayments (simulator mode)";

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
        lifetime.ApplicationStarted.Register(() => _ = RegisterAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(Fintoc.FintocProvider.SimulatorBaseAddress, FintocWebhookEndpoint.Path).ToString();
        try
        {
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
            _registered.TrySetResult(endpoint.Id);
        }
#pragma warning disable CA1031 // Reported on /health and in the log; the service still serves the API.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
            _registered.TrySetException(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} registered on the simulator for {EventTypeCount} event types")]
    private static partial void LogRegistered(ILogger logger, string endpointId, int eventTypeCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the webhook endpoint on the simulator: webhooks will not arrive")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
