using System.Globalization;
using System.Net.Http.Headers;

namespace ModularPayments.EventStore.EventStoreDb.Transport;

/// <summary>The status of a gRPC call and EventStoreDB's error metadata, read from trailers or (Trailers-Only) headers.</summary>
internal sealed record GrpcStatus(GrpcStatusCode Code, string Message, IReadOnlyDictionary<string, string> Metadata)
{
    public const string ExceptionKey = "exception";

    private static readonly string[] MetadataKeys =
    [
        ExceptionKey, "stream-name", "expected-version", "actual-version", "maximum-append-size", "required-metadata-properties",
        "leader-endpoint-host", "leader-endpoint-port", "reason", "group-name", "login-name",
    ];

    public string? ErrorKind => Metadata.TryGetValue(ExceptionKey, out var kind) ? kind : null;

    /// <summary>The status in <paramref name="headers"/>, or null when they carry no <c>grpc-status</c>.</summary>
    public static GrpcStatus? TryRead(HttpHeaders headers)
    {
        if (!TryGetSingle(headers, "grpc-status", out var statusText))
        {
            return null;
        }

        var code = int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 16
            ? (GrpcStatusCode)value
            : GrpcStatusCode.Unknown;
        var message = TryGetSingle(headers, "grpc-message", out var encoded) ? Uri.UnescapeDataString(encoded) : string.Empty;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in MetadataKeys)
        {
            if (TryGetSingle(headers, key, out var metadataValue))
            {
                metadata[key] = metadataValue;
            }
        }

        return new GrpcStatus(code, message, metadata);
    }

    public EventStoreDbException ToException(string node)
    {
        var kind = ErrorKind is null ? string.Empty : $" [{ErrorKind}]";
        var text = Message.Length == 0 ? string.Empty : $": {Message}";
        return new EventStoreDbException(Code, $"EventStoreDB node {node} answered {Code}{kind}{text}", ErrorKind, Metadata);
    }

    private static bool TryGetSingle(HttpHeaders headers, string name, out string value)
    {
        if (headers.TryGetValues(name, out var values))
        {
            value = string.Join(",", values);
            return true;
        }

        value = string.Empty;
        return false;
    }
}
