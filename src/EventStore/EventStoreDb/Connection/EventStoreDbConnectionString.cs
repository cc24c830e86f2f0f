using System.Globalization;
using System.Net;

namespace ModularPayments.EventStore.EventStoreDb.Connection;

/// <summary>
/// A parsed <c>esdb://[user:password@]host[:port][,host:port...][?key=value&amp;...]</c> connection string.
/// Supported settings: <c>tls</c> (default true), <c>tlsVerifyCert</c> (default true), <c>nodePreference</c>
/// (leader, follower, random, readOnlyReplica; default leader), <c>defaultDeadline</c> (milliseconds for appends;
/// default 10000), <c>failoverTimeout</c> (milliseconds a call waits for a leader during a failover; default 5000, 0 to fail
/// at once) and <c>connectionName</c>. Error messages name the bad part but never repeat the credentials.
/// </summary>
public sealed class EventStoreDbConnectionString
{
    public const int DefaultPort = 2113;

    private const string Scheme = "esdb://";
    private const string DiscoverScheme = "esdb+discover://";
    private static readonly TimeSpan DefaultAppendDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultFailoverTimeout = TimeSpan.FromSeconds(5);

    private EventStoreDbConnectionString(
        IReadOnlyList<DnsEndPoint> nodes,
        bool useTls,
        bool verifyServerCertificate,
        NodePreference nodePreference,
        TimeSpan defaultDeadline,
        TimeSpan failoverTimeout,
        string? connectionName,
        string? userName,
        string? password)
    {
        Nodes = nodes;
        UseTls = useTls;
        VerifyServerCertificate = verifyServerCertificate;
        NodePreference = nodePreference;
        DefaultDeadline = defaultDeadline;
        FailoverTimeout = failoverTimeout;
        ConnectionName = connectionName;
        UserName = userName;
        Password = password;
    }

    /// <summary>The nodes in the order given; the first reachable one serves the calls.</summary>
    public IReadOnlyList<DnsEndPoint> Nodes { get; }

    /// <summary>HTTPS with ALPN h2 when true; cleartext HTTP/2 with prior knowledge (h2c) when false.</summary>
    public bool UseTls { get; }

    public bool VerifyServerCertificate { get; }

    public NodePreference NodePreference { get; }

    /// <summary>How long an append may take before the call is abandoned (reads and subscriptions have no deadline).</summary>
    public TimeSpan DefaultDeadline { get; }

    /// <summary>
    /// How long a call that finds no leader (an unreachable node, a follower that knows no leader, a cut connection) keeps
    /// waiting for one and retrying before it fails as unavailable (ADR 0018).
    /// </summary>
    public TimeSpan FailoverTimeout { get; }

    public string? ConnectionName { get; }

    public string? UserName { get; }

    /// <summary>Kept for the Basic authorization header only; never printed.</summary>
    internal string? Password { get; }

    public bool HasCredentials => UserName is not null;

    public static EventStoreDbConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw Invalid("it is empty. Expected esdb://host:2113?tls=false");
        }

        var text = connectionString.Trim();
        if (text.StartsWith(DiscoverScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("DNS discovery (esdb+discover://) is not supported; list the nodes instead: esdb://host1:2113,host2:2113,host3:2113");
        }

        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("it must start with esdb://");
        }

        var rest = text[Scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : string.Empty;
        var authority = queryStart >= 0 ? rest[..queryStart] : rest;

        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (slash != authority.Length - 1)
            {
                throw Invalid("it has a path after the hosts; only esdb://hosts?settings is understood");
            }

            authority = authority[..slash];
        }

        string? userName = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            (userName, password) = ParseUserInfo(authority[..at]);
            authority = authority[(at + 1)..];
        }

        var nodes = ParseHosts(authority);

        var useTls = true;
        var verifyCertificate = true;
        var nodePreference = NodePreference.Leader;
        var deadline = DefaultAppendDeadline;
        var failoverTimeout = DefaultFailoverTimeout;
        string? connectionName = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid($"the setting '{pair}' is not key=value");
            }

            var key = Uri.UnescapeDataString(pair[..equals]);
            var value = Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key.ToUpperInvariant())
            {
                case "TLS":
                    useTls = ParseBool(key, value);
                    break;
                case "TLSVERIFYCERT":
                    verifyCertificate = ParseBool(key, value);
                    break;
                case "NODEPREFERENCE":
                    nodePreference = Enum.TryParse<NodePreference>(value, ignoreCase: true, out var preference) && Enum.IsDefined(preference)
                        ? preference
                        : throw Invalid($"nodePreference '{value}' is not one of leader, follower, random, readOnlyReplica");
                    break;
                case "DEFAULTDEADLINE":
                    deadline = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
                        ? TimeSpan.FromMilliseconds(milliseconds)
                        : throw Invalid($"defaultDeadline '{value}' is not a positive number of milliseconds");
                    break;
                case "FAILOVERTIMEOUT":
                    failoverTimeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var failoverMilliseconds)
                        ? TimeSpan.FromMilliseconds(failoverMilliseconds)
                        : throw Invalid($"failoverTimeout '{value}' is not a number of milliseconds (0 or more)");
                    break;
                case "CONNECTIONNAME":
                    connectionName = value;
                    break;
                default:
                    throw Invalid($"the setting '{key}' is not supported (supported: tls, tlsVerifyCert, nodePreference, defaultDeadline, failoverTimeout, connectionName)");
            }
        }

        return new EventStoreDbConnectionString(nodes, useTls, verifyCertificate, nodePreference, deadline, failoverTimeout, connectionName, userName, password);
    }

    /// <summary>The connection string without its password, for logs and messages.</summary>
    public override string ToString()
    {
        var user = UserName is null ? string.Empty : $"{UserName}:***@";
        var hosts = string.Join(',', Nodes.Select(Describe));
        return $"esdb://{user}{hosts}?tls={(UseTls ? "true" : "false")}&tlsVerifyCert={(VerifyServerCertificate ? "true" : "false")}&nodePreference={NodePreference.ToString().ToLowerInvariant()}";
    }

    internal static string Describe(DnsEndPoint node) =>
        node.Host.Contains(':', StringComparison.Ordinal) ? $"[{node.Host}]:{node.Port}" : $"{node.Host}:{node.Port}";

    private static (string User, string Password) ParseUserInfo(string userInfo)
    {
        // Never quote userInfo in a message: it holds the password.
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == userInfo.Length - 1)
        {
            throw Invalid("the credentials before '@' must be user:password (both non-empty, percent-encoded)");
        }

        return (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }

    private static List<DnsEndPoint> ParseHosts(string authority)
    {
        if (authority.Length == 0)
        {
            throw Invalid("it names no host. Expected esdb://host:2113");
        }

        var nodes = new List<DnsEndPoint>();
        foreach (var entry in authority.Split(','))
        {
            var hostEntry = entry.Trim();
            string host;
            string? portText;
            if (hostEntry.StartsWith('['))
            {
                var close = hostEntry.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Invalid($"the host '{hostEntry}' opens an IPv6 '[' without closing it");
                }

                host = hostEntry[1..close];
                var after = hostEntry[(close + 1)..];
                portText = after.Length == 0 ? null : after.StartsWith(':') ? after[1..] : throw Invalid($"the host '{hostEntry}' has text after ']' that is not :port");
            }
            else
            {
                var colon = hostEntry.IndexOf(':', StringComparison.Ordinal);
                host = colon >= 0 ? hostEntry[..colon] : hostEntry;
                portText = colon >= 0 ? hostEntry[(colon + 1)..] : null;
            }

            if (host.Length == 0)
            {
                throw Invalid(hostEntry.Length == 0 ? "it has an empty host in its host list" : $"the host '{hostEntry}' has no host name");
            }

            if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                throw Invalid($"the host '{hostEntry}' is not a valid host name or address");
            }

            var port = DefaultPort;
            if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            {
                throw Invalid($"the host '{hostEntry}' has an invalid port (expected 1 to 65535)");
            }

            nodes.Add(new DnsEndPoint(host, port));
        }

        return nodes;
    }

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var parsed) ? parsed : throw Invalid($"{key} '{value}' is not true or false");

    private static FormatException Invalid(string problem) => new($"Invalid EventStoreDB connection string: {problem}.");
}
