using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModularPayments.Fintoc.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ModularPayments.Fintoc.Http;

/// <summary>
/// One logical call to Fintoc: authentication, version, idempotency key, rate limit, retries with backoff, per-attempt
/// timeout, and error mapping. Every sub-client goes through here.
/// </summary>
public sealed partial class FintocHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string VersionHeader = "Fintoc-Version";
    public const int MaxIdempotencyKeyLength = 255;

    private static readonly HashSet<HttpStatusCode> RetryableStatuses =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly HttpClient _http;
    private readonly FintocOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RequestRateLimiter _rateLimiter;

    public FintocHttp(HttpClient http, FintocOptions options, TimeProvider time, ILogger logger, RequestRateLimiter? rateLimiter = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        _rateLimiter = rateLimiter ?? new RequestRateLimiter(options.RequestsPerSecond, time);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, body: null, idempotencyKey: null, cancellationToken);

    public Task<T> DeleteAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Delete, path, body: null, idempotencyKey: null, cancellationToken);

    public Task<T> PostAsync<T>(string path, object? body, string idempotencyKey, CancellationToken cancellationToken)
    {
        ValidateIdempotencyKey(idempotencyKey);
        return SendAsync<T>(HttpMethod.Post, path, body, idempotencyKey, cancellationToken);
    }

    /// <summary>Every element of a list, page after page, following the <c>Link: rel="next"</c> URL verbatim.</summary>
    public async IAsyncEnumerable<T> ListAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = path;
        while (next is not null)
        {
            using var response = await SendWithRetriesAsync(HttpMethod.Get, next, null, null, cancellationToken).ConfigureAwait(false);
            var page = await ReadAsync<List<T>>(response, HttpMethod.Get, next, cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                yield return item;
            }

            next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Next(links) : null;
        }
    }

    public static void ValidateIdempotencyKey(string idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new ArgumentException("Every POST to Fintoc needs an idempotency key derived from our own id.", nameof(idempotencyKey));
        }

        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            throw new ArgumentException($"Fintoc accepts idempotency keys of at most {MaxIdempotencyKeyLength} characters.", nameof(idempotencyKey));
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(method, path, body, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, method, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), FintocJson.Options);
        var logPath = PathForLogs(path);
        var attempts = 0;
        var pipeline = BuildPipeline(method, idempotencyKey, logPath, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    await _rateLimiter.WaitAsync(token).ConfigureAwait(false);
                    using var request = CreateRequest(method, path, payload, idempotencyKey);
                    var started = _time.GetTimestamp();
                    var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    LogAttempt(_logger, method.Method, logPath, (int)response.StatusCode, attempts, _time.GetElapsedTime(started).TotalMilliseconds);
                    return response;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogGaveUp(_logger, method.Method, logPath, attempts, exception.GetType().Name);
            throw new FintocTransportException(method.Method, logPath, attempts, exception);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(HttpMethod method, string? idempotencyKey, string logPath, CancellationToken callerToken)
    {
        // A POST without an idempotency key is never repeated: Fintoc could have committed the first one.
        var mayRetry = method != HttpMethod.Post || idempotencyKey is not null;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (mayRetry && _options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.InitialBackoff,
                MaxDelay = _options.MaxBackoff,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    // A connection aborted under us (not our caller's cancellation) is a transport failure like any other.
                    { Exception: OperationCanceledException } => !callerToken.IsCancellationRequested,
                    { Result: { } response } => RetryableStatuses.Contains(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    LogRetry(_logger, method.Method, logPath, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Result is { } result ? ((int)result.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "unknown");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(_options.RequestTimeout);
        return builder.Build();
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date - _time.GetUtcNow());
        return delay is { } positive && positive > TimeSpan.Zero ? positive : null;
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, byte[]? payload, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute));
        // Fintoc's documented form: the raw secret key, no scheme word.
        request.Headers.TryAddWithoutValidation("Authorization", _options.SecretKey);
        request.Headers.TryAddWithoutValidation(VersionHeader, _options.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new FintocApiException(response.StatusCode, error, method.Method, PathForLogs(path));
        }

        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(FintocJson.Options, cancellationToken).ConfigureAwait(false);
            return value ?? throw new JsonException("empty body");
        }
        catch (JsonException exception)
        {
            throw new FintocApiException(response.StatusCode, new FintocError("api_error", "unreadable_response", $"Fintoc's answer could not be read as {typeof(T).Name}: {exception.Message}", null, null), method.Method, PathForLogs(path));
        }
    }

    private static async Task<FintocError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new FintocError(
                    StringOrNull(error, "type"),
                    StringOrNull(error, "code"),
                    StringOrNull(error, "message") ?? "(no message)",
                    StringOrNull(error, "param"),
                    StringOrNull(error, "doc_url"));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): reported below without the body itself.
        }

        return new FintocError(null, null, $"HTTP {(int)response.StatusCode} without a Fintoc error body ({text.Length} bytes).", null, null);
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The path without its query: list filters carry e-mails and tax ids, which stay out of logs and messages.</summary>
    private static string PathForLogs(string path)
    {
        var uri = new Uri(path, UriKind.RelativeOrAbsolute);
        var withoutQuery = uri.IsAbsoluteUri ? uri.AbsolutePath : path.Split('?', 2)[0];
        return withoutQuery.StartsWith('/') ? withoutQuery : "/" + withoutQuery;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fintoc {Method} {Path} answered {StatusCode} (attempt {Attempt}, {ElapsedMs:0} ms)")]
    private static partial void LogAttempt(ILogger logger, string method, string path, int statusCode, int attempt, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fintoc {Method} {Path}: retrying (attempt {NextAttempt}) in {DelayMs:0} ms after {Outcome}")]
    private static partial void LogRetry(ILogger logger, string method, string path, int nextAttempt, double delayMs, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fintoc {Method} {Path}: gave up after {Attempts} attempt(s) ({Failure})")]
    private static partial void LogGaveUp(ILogger logger, string method, string path, int attempts, string failure);
}
