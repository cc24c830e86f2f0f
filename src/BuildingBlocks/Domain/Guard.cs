namespace ModularPayments.BuildingBlocks.Domain;

/// <summary>Small argument guards for invariants the type system cannot express.</summary>
public static class Guard
{
    public static string NotBlank(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleViolation("required", $"{field} is required.", field);
        }

        return value;
    }

    public static long Positive(long value, string field)
    {
        if (value <= 0)
        {
            throw new DomainRuleViolation("must_be_positive", $"{field} must be greater than zero.", field);
        }

        return value;
    }

    public static string MaxLength(string value, int max, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > max)
        {
            throw new DomainRuleViolation("too_long", $"{field} must be at most {max} characters.", field);
        }

        return value;
    }
}
