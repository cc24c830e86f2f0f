using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModularPayments.EventStore.Tests.EventStoreDb;

/// <summary>
/// An in-test HTTP/2 endpoint (h2c, or TLS on request) on 127.0.0.1 that plays an EventStoreDB node for the real gRPC
/// client: it records every call (path, headers, request messages) and answers each with the next scripted exchange,
/// which replays protobuf messages built per the facts file, ends with trailers or a Trailers-Only status, or cuts the
/// stream mid-way.
/// </summary>
public sealed class FakeEventStoreDbNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<GrpcExchange, Task>> _script = new();

    private FakeEventStoreDbNode(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public string ConnectionString => $"esdb://127.0.0.1:{Port}?tls=false";

    /// <summary>Starts the node: h2c, or TLS with a throw-away self-signed certificate when <paramref name="tls"/>.</summary>
    public static async Task<FakeEventStoreDbNode> StartAsync(bool tls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls)
            {
                listen.UseHttps(SelfSignedCertificate());
            }
        }));
        var app = builder.Build();
        var node = new FakeEventStoreDbNode(app);
        app.MapPost("/{**method}", node.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        node.Port = new Uri(address).Port;
        return node;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A loopback port nothing listens on (connections are refused).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Queues the answer to the next call.</summary>
    public FakeEventStoreDbNode Then(Func<GrpcExchange, Task> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    /// <summary>Queues an answer of <paramref name="messages"/> followed by an OK status in the trailers.</summary>
    public FakeEventStoreDbNode ThenReply(params IMessage[] messages) => Then(async exchange =>
    {
        foreach (var message in messages)
        {
            await exchange.SendAsync(message);
        }

        exchange.CompleteWithTrailers(StatusCode.OK);
    });

    /// <summary>Queues a Trailers-Only error: HTTP 200, no body, grpc-status and metadata in the headers.</summary>
    public FakeEventStoreDbNode ThenTrailersOnly(StatusCode code, string message, params (string Key, string Value)[] metadata) =>
        Then(exchange =>
        {
            exchange.TrailersOnly(code, message, metadata);
            return Task.CompletedTask;
        });

    /// <summary>The messages of a request body: each one a zero flag byte, a 4-byte big-endian length and the bytes.</summary>
    private static List<byte[]> Unframe(byte[] body)
    {
        var messages = new List<byte[]>();
        for (var offset = 0; offset < body.Length;)
        {
            Assert.Equal(0, body[offset]);
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1, 4));
            messages.Add(body[(offset + 5)..(offset + 5 + length)]);
            offset += 5 + length;
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var messages = Unframe(body.ToArray());

        var call = new ReceivedCall(
            context.Request.Path.Value ?? string.Empty,
            context.Request.Protocol,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            messages);
        Calls.Enqueue(call);

        var exchange = new GrpcExchange(context, call);
        if (_script.TryDequeue(out var respond))
        {
            await respond(exchange);
        }
        else
        {
            exchange.TrailersOnly(StatusCode.Unimplemented, "No scripted answer left for this call.", []);
        }
    }
}

public sealed record ReceivedCall(string Path, string Protocol, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<byte[]> Messages)
{
    public T Message<T>(int index, MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return parser.ParseFrom(Messages[index]);
    }
}

/// <summary>One call as the fake node answers it.</summary>
public sealed class GrpcExchange(HttpContext context, ReceivedCall call)
{
    private bool _started;

    public ReceivedCall Call { get; } = call;

    public CancellationToken Aborted => context.RequestAborted;

    /// <summary>Writes one framed message and flushes it, so the client sees it before anything else.</summary>
    public async Task SendAsync(IMessage message, bool splitFrame = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        Start();
        var frame = Frame(message);
        if (splitFrame)
        {
            // Half a header first: the client must wait for the rest instead of misreading it.
            await context.Response.Body.WriteAsync(frame.AsMemory(0, 3), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(20, context.RequestAborted);
            await context.Response.Body.WriteAsync(frame.AsMemory(3, 4), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(20, context.RequestAborted);
            await context.Response.Body.WriteAsync(frame.AsMemory(7), context.RequestAborted);
        }
        else
        {
            await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes raw bytes (e.g. a truncated frame) and flushes them.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Start();
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public void CompleteWithTrailers(StatusCode code, string message = "", params (string Key, string Value)[] metadata)
    {
        Start();
        context.Response.AppendTrailer("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message.Length > 0)
        {
            context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }

        foreach (var (key, value) in metadata)
        {
            context.Response.AppendTrailer(key, value);
        }
    }

    public void TrailersOnly(StatusCode code, string message, (string Key, string Value)[] metadata)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        foreach (var (key, value) in metadata)
        {
            context.Response.Headers[key] = value;
        }
    }

    /// <summary>Answers at the HTTP level, without gRPC (as a proxy or a misconfigured node would).</summary>
    public Task HttpErrorAsync(int statusCode, string contentType, string body, params (string Key, string Value)[] headers)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        foreach (var (key, value) in headers)
        {
            context.Response.Headers[key] = value;
        }

        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Cuts the stream (RST_STREAM), as a dropped connection looks to the client.</summary>
    public void Abort() => context.Abort();

    /// <summary>Keeps the call open until the client cancels it.</summary>
    public async Task WaitUntilClientCancelsAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is the end of a subscription.
        }
    }

    public static byte[] Frame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/grpc";
    }
}
