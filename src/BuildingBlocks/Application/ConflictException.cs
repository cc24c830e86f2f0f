namespace ModularPayments.BuildingBlocks.Application;

/// <summary>
/// The request contradicts what is already stored (HTTP 409). <see cref="Details"/> carries machine-readable
/// facts such as the id of the existing resource.
/// </summary>
public sealed class ConflictException(string code, string message, IReadOnlyDictionary<string, string>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string> Details { get; } = details ?? new Dictionary<string, string>();
}
