using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using ModularPayments.EventStore.EventStoreDb.Connection;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>
/// gRPC over HTTP/2 with a plain <see cref="HttpClient"/>: h2c with prior knowledge when tls=false, TLS with ALPN h2
/// otherwise. Picks the first node that accepts a connection, moves on to the next one when a node is unreachable,
/// and follows a follower's not-leader answer to the leader it names.
/// </summary>
internal sealed partial class EventStoreDbChannel : IDisposable
{
    public const string ReadPath = "/event_store.client.streams.Streams/Read";
    public const string AppendPath = "/event_store.client.streams.Streams/Append";

    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private readonly EventStoreDbConnectionString _settings;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly int _maxMessageLength;
    private readonly string? _authorization;
    private DnsEndPoint _node;

    public EventStoreDbChannel(EventStoreDbConnectionString settings, ILogger logger, int maxMessageLength)
    {
        _settings = settings;
        _logger = logger;
        _maxMessageLength = maxMessageLength;
        _node = settings.Nodes[0];

        // Over cleartext the header would expose the password, and an insecure node ignores it anyway.
        _authorization = settings.HasCredentials && settings.UseTls
            ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"))
            : null;

        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // Our own pings notice a half-open connection under a quiet subscription, which would otherwise wait forever.
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (settings.UseTls && !settings.VerifyServerCertificate)
        {
#pragma warning disable CA5359 // The operator asked for it with tlsVerifyCert=false (self-signed development clusters).
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The node the next call goes to.</summary>
    public DnsEndPoint CurrentNode => Volatile.Read(ref _node);

    /// <summary>A client-streaming call: every request message in one body, one response message back.</summary>
    public async Task<TResponse> ClientStreamingCallAsync<TResponse>(string path, IReadOnlyList<IMessage> requests, MessageParser<TResponse> parser, TimeSpan deadline, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(deadline);
        var token = deadlineSource.Token;
        var body = GrpcFraming.Encode(requests);
        try
        {
            var (response, node) = await SendAsync(path, body, deadline, token).ConfigureAwait(false);
            using (response)
            {
                var reader = new GrpcFrameReader(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false), _maxMessageLength);
                var message = await ReadFrameAsync(reader, node, token).ConfigureAwait(false);
                if (message is not null && await ReadFrameAsync(reader, node, token).ConfigureAwait(false) is not null)
                {
                    throw new EventStoreDbException(GrpcStatusCode.Internal, $"EventStoreDB node {Describe(node)} sent more than one response message to {path}.");
                }

                EnsureSucceeded(response, node);
                return message is not null
                    ? parser.ParseFrom(message)
                    : throw new EventStoreDbException(GrpcStatusCode.Internal, $"EventStoreDB node {Describe(node)} completed {path} without a response message.");
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EventStoreDbException(GrpcStatusCode.DeadlineExceeded, $"The call to {path} took longer than its deadline of {deadline.TotalMilliseconds:0} ms.", null, null, exception);
        }
    }

    /// <summary>A server-streaming call: one request, the response messages as they arrive, then the status.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingCallAsync<TResponse>(string path, IMessage request, MessageParser<TResponse> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        var (response, node) = await SendAsync(path, GrpcFraming.Encode([request]), null, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var reader = new GrpcFrameReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _maxMessageLength);
            while (await ReadFrameAsync(reader, node, cancellationToken).ConfigureAwait(false) is { } frame)
            {
                yield return parser.ParseFrom(frame);
            }

            EnsureSucceeded(response, node);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpResponseMessage Response, DnsEndPoint Node)> SendAsync(string path, byte[] body, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        var node = CurrentNode;
        var unreachable = 0;
        var redirects = 0;
        while (true)
        {
            using var request = CreateRequest(node, path, body, deadline);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsConnectFailure(exception))
            {
                // Nothing reached the node, so trying another one cannot write twice.
                unreachable++;
                var failure = new EventStoreDbException(GrpcStatusCode.Unavailable, $"Could not connect to the EventStoreDB node {Describe(node)}: {exception.Message}", null, null, exception);
                if (unreachable >= _settings.Nodes.Count)
                {
                    throw failure;
                }

                var next = _settings.Nodes[(IndexOf(node) + 1) % _settings.Nodes.Count];
                LogNodeUnreachable(_logger, Describe(node), Describe(next));
                node = SwitchTo(node, next);
                continue;
            }
            catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw TransportFailure(node, path, exception);
            }

            try
            {
                EnsureResponseHeaders(response, node);
                return (response, node);
            }
            catch (EventStoreDbException refused) when (refused.ErrorKind == "not-leader" && redirects < 2 && LeaderFrom(refused) is { } leader)
            {
                // The follower refused before doing anything: the leader it names gets the same call.
                response.Dispose();
                redirects++;
                LogNotLeader(_logger, Describe(node), Describe(leader));
                node = SwitchTo(node, leader);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private HttpRequestMessage CreateRequest(DnsEndPoint node, string path, byte[] body, TimeSpan? deadline)
    {
        var uri = new UriBuilder(_settings.UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, node.Host, node.Port, path).Uri;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = GrpcContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity");
        request.Headers.TryAddWithoutValidation("requires-leader", _settings.NodePreference == NodePreference.Leader ? "True" : "False");
        if (deadline is { } timeout)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", Math.Clamp((long)Math.Ceiling(timeout.TotalMilliseconds), 1, 99_999_999).ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (_settings.ConnectionName is { } connectionName)
        {
            request.Headers.TryAddWithoutValidation("connection-name", connectionName);
        }

        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", _authorization);
        }

        return request;
    }

    /// <summary>HTTP-level refusals and Trailers-Only errors, before any message is read.</summary>
    private static void EnsureResponseHeaders(HttpResponseMessage response, DnsEndPoint node)
    {
        var headerStatus = GrpcStatus.TryRead(response.Headers);
        if (headerStatus is { Code: not GrpcStatusCode.OK })
        {
            throw headerStatus.ToException(Describe(node));
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = response.StatusCode switch
            {
                HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
                HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
                HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
                HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
                HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
                _ => GrpcStatusCode.Unknown,
            };
            throw new EventStoreDbException(code, $"EventStoreDB node {Describe(node)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} instead of a gRPC response.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            throw new EventStoreDbException(GrpcStatusCode.Internal, $"EventStoreDB node {Describe(node)} answered with content type '{mediaType ?? "(none)"}' instead of application/grpc.");
        }
    }

    /// <summary>After the body: the status from the trailers, or from the headers of a Trailers-Only response.</summary>
    private static void EnsureSucceeded(HttpResponseMessage response, DnsEndPoint node)
    {
        var status = GrpcStatus.TryRead(response.TrailingHeaders) ?? GrpcStatus.TryRead(response.Headers)
            ?? throw new EventStoreDbException(GrpcStatusCode.Unavailable, $"The response from EventStoreDB node {Describe(node)} ended without a gRPC status (the connection was cut).");
        if (status.Code != GrpcStatusCode.OK)
        {
            throw status.ToException(Describe(node));
        }
    }

    private static async Task<byte[]?> ReadFrameAsync(GrpcFrameReader reader, DnsEndPoint node, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcFrameException exception) when (!exception.IsTruncation)
        {
            throw new EventStoreDbException(GrpcStatusCode.Internal, $"EventStoreDB node {Describe(node)}: {exception.Message}", null, null, exception);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is IOException or HttpRequestException or ObjectDisposedException)
        {
            throw new EventStoreDbException(GrpcStatusCode.Unavailable, $"The connection to EventStoreDB node {Describe(node)} dropped during the response: {exception.Message}", null, null, exception);
        }
    }

    private static bool IsConnectFailure(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
        // The handler's ConnectTimeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static EventStoreDbException TransportFailure(DnsEndPoint node, string path, HttpRequestException exception)
    {
        var hint = exception.HttpRequestError == HttpRequestError.VersionNegotiationError
            ? " The node did not speak HTTP/2: with tls=false it must run in insecure mode; a secure node needs tls=true."
            : string.Empty;
        return new EventStoreDbException(GrpcStatusCode.Unavailable, $"The call {path} to EventStoreDB node {Describe(node)} failed: {exception.Message}{hint}", null, null, exception);
    }

    private static DnsEndPoint? LeaderFrom(EventStoreDbException refused) =>
        refused.Metadata.TryGetValue("leader-endpoint-host", out var host) && !string.IsNullOrWhiteSpace(host)
        && refused.Metadata.TryGetValue("leader-endpoint-port", out var portText)
        && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? new DnsEndPoint(host, port)
            : null;

    private int IndexOf(DnsEndPoint node)
    {
        for (var i = 0; i < _settings.Nodes.Count; i++)
        {
            if (_settings.Nodes[i].Equals(node))
            {
                return i;
            }
        }

        return -1;
    }

    private DnsEndPoint SwitchTo(DnsEndPoint from, DnsEndPoint to)
    {
        Interlocked.CompareExchange(ref _node, to, from);
        return to;
    }

    private static string Describe(DnsEndPoint node) => EventStoreDbConnectionString.Describe(node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventStoreDB node {Node} is unreachable; trying {Next}")]
    private static partial void LogNodeUnreachable(ILogger logger, string node, string next);

    [LoggerMessage(Level = LogLevel.Information, Message = "EventStoreDB node {Node} is not the leader; following it to {Leader}")]
    private static partial void LogNotLeader(ILogger logger, string node, string leader);
}
