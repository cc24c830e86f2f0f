using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>
/// Polly 8 around each attempt: a per-attempt timeout, and retries with exponential backoff and jitter on 429 (after its
/// <c>Retry-After</c>), 5xx, network errors, timeouts and connections aborted under us, never on the caller's own
/// cancellation. A transport failure that outlasts the retries becomes <see cref="FintocTransportException"/>.
/// </summary>
internal sealed partial class FintocRetryHandler : DelegatingHandler
{
    private static readonly HashSet<HttpStatusCode> RetryableStatuses =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("ModularPayments.Fintoc.Request");
    private static readonly ResiliencePropertyKey<CancellationToken> CallerTokenKey = new("ModularPayments.Fintoc.CallerToken");

    private readonly FintocOptions _options;
    private readonly TimeProvider _time;
    private readonly FintocMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public FintocRetryHandler(FintocOptions options, TimeProvider time, FintocMetrics metrics, ILogger<FintocClient> logger)
    {
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        context.Properties.Set(CallerTokenKey, cancellationToken);
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                async attempt =>
                {
                    FintocAttempt.Set(request, ++attempts);
                    return await base.SendAsync(request, attempt.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            var path = FintocRequestPath.ForLogs(request.RequestUri, _options.BaseAddress);
            LogGaveUp(_logger, request.Method.Method, path, attempts, exception.GetType().Name);
            throw new FintocTransportException(request.Method.Method, path, attempts, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or TimeoutRejectedException
        // A connection aborted under us (not our caller's cancellation) is a transport failure like any other.
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.InitialBackoff,
                MaxDelay = _options.MaxBackoff,
                ShouldHandle = args => ValueTask.FromResult(MayRetry(args.Context) && RetryReason(args.Outcome, args.Context) is not null),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    _metrics.Retry(FintocRequestPath.Resource(request.RequestUri), RetryReason(args.Outcome, args.Context)!);
                    LogRetry(_logger, request.Method.Method, FintocRequestPath.ForLogs(request.RequestUri, _options.BaseAddress), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Result is { } result ? ((int)result.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "unknown");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(_options.RequestTimeout);
        return builder.Build();
    }

    /// <summary>A POST without an idempotency key is never repeated: Fintoc could have committed the first one.</summary>
    private static bool MayRetry(ResilienceContext context) =>
        context.Properties.GetValue(RequestKey, null!) is { } request
        && (request.Method != HttpMethod.Post || request.Headers.Contains(FintocHeaders.IdempotencyKey));

    private static string? RetryReason(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: TimeoutRejectedException } => FintocTelemetry.RetryReasons.Timeout,
        { Exception: HttpRequestException } => FintocTelemetry.RetryReasons.NetworkError,
        { Exception: OperationCanceledException } when !context.Properties.GetValue(CallerTokenKey, default).IsCancellationRequested => FintocTelemetry.RetryReasons.ConnectionAborted,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => FintocTelemetry.RetryReasons.RateLimited,
        { Result: { } response } when RetryableStatuses.Contains(response.StatusCode) => FintocTelemetry.RetryReasons.ServerError,
        _ => null,
    };

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date - _time.GetUtcNow());
        return delay is { } positive && positive > TimeSpan.Zero ? positive : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fintoc {Method} {Path}: retrying (attempt {NextAttempt}) in {DelayMs:0} ms after {Outcome}")]
    private static partial void LogRetry(ILogger logger, string method, string path, int nextAttempt, double delayMs, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fintoc {Method} {Path}: gave up after {Attempts} attempt(s) ({Failure})")]
    private static partial void LogGaveUp(ILogger logger, string method, string path, int attempts, string failure);
}
