using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.Customers;

/// <summary>An email address checked for shape (one @, a dotted domain, no spaces, at most 254 characters) and lowercased.</summary>
public sealed record EmailAddress
{
    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? input, out EmailAddress email)
    {
        email = null!;
        var candidate = input?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 254 || candidate.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != candidate.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var domain = candidate[(at + 1)..];
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0 || l.StartsWith('-') || l.EndsWith('-')) || labels[^1].Length < 2)
        {
            return false;
        }

        email = new EmailAddress(candidate);
        return true;
    }

    public static EmailAddress Create(string? input) =>
        TryCreate(input, out var email)
            ? email
            : throw new DomainRuleViolation("invalid_email", "email is not a valid email address.", "email");

    public override string ToString() => Value;
}
