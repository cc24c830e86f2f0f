using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using ModularPayments.EventStore.EventStoreDb.Connection;
using ModularPayments.EventStore.EventStoreDb.Protocol.Streams;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>
/// The Streams service through the generated client, over one <see cref="GrpcChannel"/> per node (h2c when tls=false,
/// TLS otherwise). Picks the first node that accepts a connection, moves on to the next one when a node is
/// unreachable, and follows a follower's not-leader answer to the leader it names.
/// </summary>
internal sealed partial class EventStoreDbChannel : IDisposable
{
    private const int MaxRedirects = 2;

    private readonly EventStoreDbConnectionString _settings;
    private readonly ILogger _logger;
    private readonly int _maxMessageLength;
    private readonly ChannelCredentials _credentials;
    private readonly FailoverWait _failover;
    private readonly ConcurrentDictionary<DnsEndPoint, Lazy<GrpcChannel>> _channels = new();
    private DnsEndPoint _node;

    public EventStoreDbChannel(EventStoreDbConnectionString settings, ILogger logger, int maxMessageLength, FailoverWait failover)
    {
        _settings = settings;
        _logger = logger;
        _failover = failover;
        _maxMessageLength = maxMessageLength;
        _node = settings.Nodes[0];
        _credentials = CredentialsFor(settings);
    }

    /// <summary>The node the next call goes to.</summary>
    public DnsEndPoint CurrentNode => Volatile.Read(ref _node);

    /// <summary>Appends: the options message, then one message per event, and the one answer.</summary>
    public async Task<AppendResp> AppendAsync(IReadOnlyList<AppendReq> requests, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // The client measures deadlines on the system clock.
        var until = DateTime.UtcNow + deadline;
        try
        {
            return await OnAvailableNodeAsync(async (_, client) =>
            {
                using var call = client.Append(Headers(), until, cancellationToken);
                try
                {
                    foreach (var request in requests)
                    {
                        await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
                    }

                    await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    // The call ended while we were still writing (a refusal, a cut connection): its status says why.
                }

                return await call.ResponseAsync.ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (EventStoreDbException timeout) when (timeout.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw new EventStoreDbException(StatusCode.DeadlineExceeded, $"The append took longer than its deadline of {deadline.TotalMilliseconds:0} ms.", null, null, timeout);
        }
    }

    /// <summary>
    /// A read or a subscription: the response messages as they arrive, then the status. Until the node has answered
    /// (nothing handed out yet) a missing leader is waited for, unless <paramref name="waitForLeader"/> is false (the
    /// caller waits itself).
    /// </summary>
    public IAsyncEnumerable<ReadResp> ReadAsync(ReadReq request, CancellationToken cancellationToken) => ReadAsync(request, waitForLeader: true, cancellationToken);

    public async IAsyncEnumerable<ReadResp> ReadAsync(ReadReq request, bool waitForLeader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (call, node, hasFirst) = waitForLeader
            ? await _failover.RunAsync("read", () => StartReadAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false)
            : await StartReadAsync(request, cancellationToken).ConfigureAwait(false);

        using (call)
        {
            if (!hasFirst)
            {
                yield break;
            }

            yield return call.ResponseStream.Current;
            while (await MoveNextAsync(call.ResponseStream, node, cancellationToken).ConfigureAwait(false))
            {
                yield return call.ResponseStream.Current;
            }
        }
    }

    private Task<(AsyncServerStreamingCall<ReadResp> Call, DnsEndPoint Node, bool HasFirst)> StartReadAsync(ReadReq request, CancellationToken cancellationToken) =>
        OnAvailableNodeAsync(async (node, client) =>
        {
            var started = client.Read(request, Headers(), cancellationToken: cancellationToken);
            try
            {
                // Refusals (not-leader, not ready, an unreachable node) surface here, before anything was handed out: a
                // Trailers-Only refusal only with the first message.
                await started.ResponseHeadersAsync.ConfigureAwait(false);
                var hasFirst = await started.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
                return (started, node, hasFirst);
            }
            catch
            {
                started.Dispose();
                throw;
            }
        }, cancellationToken);

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }
    }

    /// <summary>Starts the call on the current node; an unreachable node or a follower's redirect moves it to another.</summary>
    private async Task<T> OnAvailableNodeAsync<T>(Func<DnsEndPoint, Streams.StreamsClient, Task<T>> start, CancellationToken cancellationToken)
    {
        var node = CurrentNode;
        var unreachable = 0;
        var redirects = 0;
        while (true)
        {
            try
            {
                return await start(node, new Streams.StreamsClient(ChannelFor(node))).ConfigureAwait(false);
            }
            catch (RpcException failure) when (!cancellationToken.IsCancellationRequested && IsConnectFailure(failure))
            {
                // Nothing reached the node, so trying another one cannot write twice.
                unreachable++;
                if (unreachable >= _settings.Nodes.Count)
                {
                    throw new EventStoreDbException(StatusCode.Unavailable, $"Could not connect to the EventStoreDB node {Describe(node)}: {failure.Status.DebugException?.Message ?? failure.Status.Detail}", null, null, failure);
                }

                var next = _settings.Nodes[(IndexOf(node) + 1) % _settings.Nodes.Count];
                LogNodeUnreachable(_logger, Describe(node), Describe(next));
                node = SwitchTo(node, next);
            }
            catch (RpcException refused) when (RpcFailures.ErrorKind(refused) == "not-leader" && redirects < MaxRedirects && LeaderFrom(refused) is { } leader)
            {
                // The follower refused before doing anything: the leader it names gets the same call.
                redirects++;
                LogNotLeader(_logger, Describe(node), Describe(leader));
                node = SwitchTo(node, leader);
            }
            catch (RpcException failure) when (!cancellationToken.IsCancellationRequested)
            {
                throw RpcFailures.ToException(failure, Describe(node));
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    private static async Task<bool> MoveNextAsync(IAsyncStreamReader<ReadResp> responses, DnsEndPoint node, CancellationToken cancellationToken)
    {
        try
        {
            return await responses.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw RpcFailures.ToException(failure, Describe(node));
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private GrpcChannel ChannelFor(DnsEndPoint node) => _channels.GetOrAdd(node, endpoint => new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(
        new UriBuilder(_settings.UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, endpoint.Host, endpoint.Port).Uri,
        new GrpcChannelOptions
        {
            HttpHandler = CreateHandler(),
            DisposeHttpClient = true,
            Credentials = _credentials,
            MaxReceiveMessageSize = _maxMessageLength,
        }))).Value;

    private SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // Pings notice a half-open connection under a quiet subscription, which would otherwise wait forever.
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (_settings.UseTls && !_settings.VerifyServerCertificate)
        {
#pragma warning disable CA5359 // The operator asked for it with tlsVerifyCert=false (self-signed development clusters).
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }

    private Metadata Headers()
    {
        var headers = new Metadata { { "requires-leader", _settings.NodePreference == NodePreference.Leader ? "True" : "False" } };
        if (_settings.ConnectionName is { } connectionName)
        {
            headers.Add("connection-name", connectionName);
        }

        return headers;
    }

    /// <summary>
    /// Basic credentials ride as call credentials on TLS channels only: over cleartext they would expose the password,
    /// and an insecure node ignores them anyway.
    /// </summary>
    private static ChannelCredentials CredentialsFor(EventStoreDbConnectionString settings)
    {
        if (!settings.UseTls)
        {
            return ChannelCredentials.Insecure;
        }

        if (!settings.HasCredentials)
        {
            return ChannelCredentials.SecureSsl;
        }

        var authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
        return ChannelCredentials.Create(ChannelCredentials.SecureSsl, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", authorization);
            return Task.CompletedTask;
        }));
    }

    private static bool IsConnectFailure(RpcException failure) =>
        failure.StatusCode == StatusCode.Unavailable && failure.Status.DebugException switch
        {
            SocketException => true,
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
            // The handler's ConnectTimeout surfaces as a cancellation the caller did not ask for.
            OperationCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };

    private static DnsEndPoint? LeaderFrom(RpcException refused) =>
        refused.Trailers.GetValue("leader-endpoint-host") is { Length: > 0 } host && !string.IsNullOrWhiteSpace(host)
        && int.TryParse(refused.Trailers.GetValue("leader-endpoint-port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
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
