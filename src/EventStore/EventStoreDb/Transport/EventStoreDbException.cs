using Grpc.Core;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>
/// A call to EventStoreDB failed: a gRPC error status from the node, or a transport failure (no connection, a dropped
/// stream, an HTTP-level refusal), which is reported as <see cref="Grpc.Core.StatusCode.Unavailable"/>.
/// </summary>
public sealed class EventStoreDbException : Exception
{
    public EventStoreDbException()
        : this(Grpc.Core.StatusCode.Unknown, "EventStoreDB call failed.")
    {
    }

    public EventStoreDbException(string message)
        : this(Grpc.Core.StatusCode.Unknown, message)
    {
    }

    public EventStoreDbException(string message, Exception innerException)
        : this(Grpc.Core.StatusCode.Unknown, message, null, null, innerException)
    {
    }

    public EventStoreDbException(StatusCode statusCode, string message, string? errorKind = null, IReadOnlyDictionary<string, string>? metadata = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorKind = errorKind;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public StatusCode StatusCode { get; }

    /// <summary>EventStoreDB's <c>exception</c> metadata, e.g. <c>stream-deleted</c>, <c>not-leader</c>; null when absent.</summary>
    public string? ErrorKind { get; }

    /// <summary>The other error metadata the node sent (stream-name, leader-endpoint-host, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Worth retrying on a new connection: the node was unreachable, busy, not ready, or the stream dropped.</summary>
    public bool IsTransient => StatusCode is Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.Aborted or Grpc.Core.StatusCode.DeadlineExceeded;

    /// <summary>
    /// The store could not take the call for now (transient, or a follower that knows no leader yet, as during an
    /// election): the host answers 503 with Retry-After, never 500.
    /// </summary>
    public bool IsUnavailable => IsTransient || ErrorKind is "not-leader" or "not-ready";
}
