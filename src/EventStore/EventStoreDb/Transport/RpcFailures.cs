using System.Net.Sockets;
using Grpc.Core;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>Turns the gRPC client's <see cref="RpcException"/> into <see cref="EventStoreDbException"/> with EventStoreDB's error metadata.</summary>
internal static class RpcFailures
{
    public const string ExceptionKey = "exception";

    private static readonly HashSet<string> MetadataKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ExceptionKey, "stream-name", "expected-version", "actual-version", "maximum-append-size", "required-metadata-properties",
        "leader-endpoint-host", "leader-endpoint-port", "reason", "group-name", "login-name",
    };

    public static string? ErrorKind(RpcException failure) => failure.Trailers.GetValue(ExceptionKey);

    public static EventStoreDbException ToException(RpcException failure, string node)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in failure.Trailers)
        {
            if (!entry.IsBinary && MetadataKeys.Contains(entry.Key))
            {
                metadata[entry.Key] = entry.Value;
            }
        }

        var code = Classify(failure.Status);
        if (code == StatusCode.Unavailable && failure.StatusCode == StatusCode.Cancelled)
        {
            return new EventStoreDbException(code, $"The response from EventStoreDB node {node} ended without a gRPC status (the connection was cut).", null, metadata, failure);
        }

        var kind = metadata.GetValueOrDefault(ExceptionKey);
        var kindText = kind is null ? string.Empty : $" [{kind}]";
        var detail = failure.Status.Detail.Length == 0 ? string.Empty : $": {failure.Status.Detail}";
        return new EventStoreDbException(code, $"EventStoreDB node {node} answered {code}{kindText}{detail}", kind, metadata, failure);
    }

    /// <summary>
    /// Transport failures (a reset stream, a cut connection) are Unavailable, worth a reconnect, whatever code the
    /// client gave them. The client reports Cancelled for calls nobody cancelled (callers' cancellations never get
    /// here) when a response ended without a status, a cut connection too, or when it is not gRPC at all.
    /// </summary>
    private static StatusCode Classify(Status status) => status switch
    {
        { DebugException: IOException or HttpRequestException or SocketException } => StatusCode.Unavailable,
        { StatusCode: StatusCode.Cancelled, Detail: "No grpc-status found on response." } => StatusCode.Unavailable,
        { StatusCode: StatusCode.Cancelled } => StatusCode.Internal,
        _ => status.StatusCode,
    };
}
