using Ardalis.GuardClauses;

namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>
/// Ardalis guard clauses that break a business rule rather than a programming contract: they throw
/// <see cref="DomainRuleViolation"/> with the error code and field the API reports, instead of an ArgumentException.
/// <paramref name="field"/> is the input's API spelling (snake_case), not the C# parameter name.
/// </summary>
public static class DomainGuards
{
    /// <summary>Code <c>required</c>: the value is null, empty or white space.</summary>
    public static string MissingValue(this IGuardClause guardClause, string? value, string field) =>
        guardClause.NullOrWhiteSpace(value, field,
            exceptionCreator: () => new DomainRuleViolation("required", $"{field} is required.", field));

    /// <summary>Code <c>must_be_positive</c>: the value is zero or negative.</summary>
    public static long NotPositive(this IGuardClause guardClause, long value, string field) =>
        guardClause.NegativeOrZero(value, field,
            exceptionCreator: () => new DomainRuleViolation("must_be_positive", $"{field} must be greater than zero.", field));

    /// <summary>Code <c>too_long</c>: the text has more than <paramref name="max"/> characters.</summary>
    public static string TooLong(this IGuardClause guardClause, string value, int max, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        return guardClause.StringTooLong(value, max, field,
            exceptionCreator: () => new DomainRuleViolation("too_long", $"{field} must be at most {max} characters.", field));
    }
}
