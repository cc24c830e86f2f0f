using System.Security.Cryptography;

namespace ModularPayments.Fintoc.Simulator.State;

/// <summary>Fintoc-looking ids: a prefix and random base62 characters (never parse them, as Fintoc says).</summary>
internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 20) => prefix + Random(length);

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
