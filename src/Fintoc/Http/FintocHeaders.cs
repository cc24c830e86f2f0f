namespace ModularPayments.Fintoc.Http;

/// <summary>The headers Fintoc reads beyond plain HTTP.</summary>
public static class FintocHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string Version = "Fintoc-Version";
    public const int MaxIdempotencyKeyLength = 255;
}
