namespace ModularPayments.Fintoc.Http.Handlers;

/// <summary>Which attempt of its logical call a request is, set by the retry handler for the handlers inside it.</summary>
internal static class FintocAttempt
{
    private static readonly HttpRequestOptionsKey<int> Key = new("ModularPayments.Fintoc.Attempt");

    public static void Set(HttpRequestMessage request, int attempt) => request.Options.Set(Key, attempt);

    public static int Get(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var attempt) ? attempt : 1;
}
