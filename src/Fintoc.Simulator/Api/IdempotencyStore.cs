using System.Security.Cryptography;

namespace ModularPayments.Fintoc.Simulator.Api;

/// <summary>
/// Fintoc's idempotency: the first answer to a key (success or error) is kept and replayed to any retry with the same
/// parameters; a retry with other parameters is refused. Keys are forgotten after 24 hours (simulator clock).
/// </summary>
internal sealed class IdempotencyStore
{
    public const int MaxKeyLength = 255;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static string Fingerprint(string method, string path, byte[] body) =>
        $"{method} {path} {Convert.ToHexString(SHA256.HashData(body))}";

    public bool TryGet(string key, DateTimeOffset now, out Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out entry!) && now - entry.StoredAt < Retention)
            {
                return true;
            }

            _entries.Remove(key);
            return false;
        }
    }

    public void Store(string key, Entry entry)
    {
        lock (_gate)
        {
            _entries.TryAdd(key, entry);
        }
    }

    internal sealed record Entry(string Fingerprint, ApiAnswer Answer, DateTimeOffset StoredAt);
}
