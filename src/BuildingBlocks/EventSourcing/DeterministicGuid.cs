using System.Security.Cryptography;
using System.Text;

namespace ModularPayments.BuildingBlocks.EventSourcing;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id, so a retried command that
/// derives its ids from a caller's key re-appends the same events instead of writing new ones.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The namespace for every id ModularPayments derives.</summary>
    public static readonly Guid ModularPaymentsNamespace = new("5f3c0a8e-7d1b-4c52-9a9e-2b6f7e1d4c30");

    public static Guid Create(string name) => Create(ModularPaymentsNamespace, name);

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);

#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; this is not a security use.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
