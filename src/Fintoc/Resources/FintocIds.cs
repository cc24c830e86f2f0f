namespace ModularPayments.Fintoc.Resources;

internal static class FintocIds
{
    /// <summary>An empty id would silently address the collection instead of one resource; Refit escapes the rest.</summary>
    public static string Require(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id;
    }
}
