using System.Text.Json.Nodes;
using ModularPayments.Fintoc.Simulator.State;
using ModularPayments.Fintoc.Simulator.Time;
using ModularPayments.Fintoc.Simulator.Webhooks;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>
/// The pipeline every simulated Fintoc call goes through: API key, JSON body, idempotency, the endpoint under the
/// state lock, chaos, and a Fintoc-shaped answer. It never lets an exception escape as a 500 or a problem document.
/// </summary>
internal sealed partial class SimulatorApi(
    SimulatorOptions options,
    SimulatorState state,
    SimulatorClock clock,
    IdempotencyStore idempotency,
    Chaos chaos,
    SimulatorRateLimit rateLimit,
    ILogger<SimulatorApi> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public Task HandleAsync(HttpContext http, Func<ApiCall, ApiAnswer> endpoint) => HandleAsync(http, endpoint, authenticate: true);

    public async Task HandleAsync(HttpContext http, Func<ApiCall, ApiAnswer> endpoint, bool authenticate)
    {
        ApiAnswer answer;
        var committed = false;
        try
        {
            if (authenticate && !Authenticated(http.Request))
            {
                // Failed authentication is never stored under an idempotency key (Fintoc does the same).
                answer = Error(new FintocApiError(401, "authentication_error", "invalid_api_key", "Invalid API key provided. Send your secret key as the Authorization header."));
            }
            else if (authenticate && !rateLimit.TryAdmit())
            {
                http.Response.Headers.RetryAfter = "1";
                answer = Error(new FintocApiError(429, "api_error", "rate_limit_exceeded", $"Too many requests: at most {options.RequestsPerSecond} per second."));
            }
            else
            {
                (answer, committed) = await ExecuteAsync(http, endpoint).ConfigureAwait(false);
            }
        }
        catch (FintocApiError error)
        {
            answer = Error(error);
        }

        if (committed && HttpMethods.IsPost(http.Request.Method) && chaos.TakeTimeoutAfterCommit())
        {
            LogChaosTimeout(logger, http.Request.Method, http.Request.Path);
            http.Abort();
            return;
        }

        await WriteAsync(http, answer).ConfigureAwait(false);
    }

    private async Task<(ApiAnswer Answer, bool Committed)> ExecuteAsync(HttpContext http, Func<ApiCall, ApiAnswer> endpoint)
    {
        var raw = await ReadBodyAsync(http.Request).ConfigureAwait(false);
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var isPost = HttpMethods.IsPost(http.Request.Method);
        if (!isPost || string.IsNullOrEmpty(key))
        {
            return (Run(http, endpoint, raw, null), true);
        }

        if (key.Length > IdempotencyStore.MaxKeyLength)
        {
            throw FintocApiError.Invalid("Idempotency-Key", $"Idempotency-Key must be at most {IdempotencyStore.MaxKeyLength} characters.");
        }

        var fingerprint = IdempotencyStore.Fingerprint(http.Request.Method, http.Request.Path, raw);
        lock (state.Gate)
        {
            if (idempotency.TryGet(key, clock.GetUtcNow(), out var stored))
            {
                if (stored.Fingerprint != fingerprint)
                {
                    throw FintocApiError.Conflict("idempotency_key_reused", "This Idempotency-Key was already used with other parameters or another endpoint.", "Idempotency-Key");
                }

                http.Response.Headers["Idempotent-Replayed"] = "true";
                return (stored.Answer, false);
            }

            var answer = Run(http, endpoint, raw, key);
            idempotency.Store(key, new IdempotencyStore.Entry(fingerprint, answer, clock.GetUtcNow()));
            return (answer, true);
        }
    }

    private ApiAnswer Run(HttpContext http, Func<ApiCall, ApiAnswer> endpoint, byte[] raw, string? key)
    {
        try
        {
            var body = HttpMethods.IsPost(http.Request.Method) ? RequestBody.Parse(raw) : RequestBody.Empty;
            lock (state.Gate)
            {
                return endpoint(new ApiCall(http, body, clock.GetUtcNow(), key));
            }
        }
        catch (FintocApiError error)
        {
            // Errors are answers too: stored and replayed under the key like successes.
            return Error(error);
        }
    }

    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new FintocApiError(413, "invalid_request_error", "request_too_large", $"The request body exceeds {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new FintocApiError(413, "invalid_request_error", "request_too_large", $"The request body exceeds {MaxBodyBytes} bytes.");
            }
        }

        return buffer.ToArray();
    }

    private bool Authenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            header = header["Bearer ".Length..].Trim();
        }

        return header.Length > 0 && options.ApiKeys.Any(key => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(header)));
    }

    private static ApiAnswer Error(FintocApiError error) => new(error.Status, error.ToJson());

    internal static async Task WriteAsync(HttpContext http, ApiAnswer answer)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (answer.Link is not null)
        {
            http.Response.Headers.Link = answer.Link;
        }

        await http.Response.WriteAsync(answer.Body.ToJsonString(SimulatorJson.Options)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator chaos: {Method} {Path} committed, connection dropped instead of answering")]
    private static partial void LogChaosTimeout(ILogger logger, string method, PathString path);
}
