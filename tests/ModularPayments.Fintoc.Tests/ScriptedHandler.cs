using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ModularPayments.Fintoc.Tests;

/// <summary>Answers requests from a script and records what was sent.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public TimeProvider? Clock { get; set; }

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedHandler Then(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public ScriptedHandler ThenThrow(Exception exception)
    {
        _script.Enqueue((_, _) => throw exception);
        return this;
    }

    /// <summary>Never answers: the client's own timeout must end the attempt.</summary>
    public ScriptedHandler ThenHang()
    {
        _script.Enqueue(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!,
                request.Headers.ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase),
                body,
                Clock?.GetUtcNow()));
        }

        if (!_script.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"No scripted answer left for {request.Method} {request.RequestUri}");
        }

        return await next(request, cancellationToken);
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, DateTimeOffset? At);
