namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>
/// A business rule refused the request. <see cref="Field"/> names the input at fault when there is one,
/// in the API's snake_case spelling, so the caller can point at it.
/// </summary>
public sealed class DomainRuleViolation(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}
