using System.Globalization;
using FluentValidation;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>Validation rules every module's requests share: merchant metadata, the Idempotency-Key header, list parameters.</summary>
public static class RequestRules
{
    public const int MaxMetadataEntries = 50;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>At most 50 keys of 1 to 40 characters, values of at most 500; <paramref name="reservedKeys"/> are ours.</summary>
    public static IRuleBuilderOptionsConditions<T, IReadOnlyDictionary<string, string>> MustBeValidMetadata<T>(
        this IRuleBuilder<T, IReadOnlyDictionary<string, string>> rule,
        params string[] reservedKeys) =>
        rule.Custom((metadata, context) =>
        {
            if (metadata.Count > MaxMetadataEntries)
            {
                context.AddFailure("metadata", $"metadata holds at most {MaxMetadataEntries} keys.");
            }

            foreach (var (key, value) in metadata)
            {
                if (string.IsNullOrWhiteSpace(key) || key.Length > MaxMetadataKeyLength)
                {
                    context.AddFailure("metadata", $"metadata keys are 1 to {MaxMetadataKeyLength} characters.");
                }
                else if (reservedKeys.Contains(key, StringComparer.Ordinal))
                {
                    context.AddFailure($"metadata.{key}", $"metadata key {key} is reserved.");
                }
                else if (value is null || value.Length > MaxMetadataValueLength)
                {
                    context.AddFailure($"metadata.{key}", $"metadata values are strings of at most {MaxMetadataValueLength} characters.");
                }
            }
        });

    /// <summary>1 to 255 printable ASCII characters, reported as the <c>Idempotency-Key</c> header.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeValidIdempotencyKey<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(key => key is { Length: >= 1 and <= MaxIdempotencyKeyLength } && key.All(ch => ch is >= '!' and <= '~'))
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"The Idempotency-Key header is 1 to {MaxIdempotencyKeyLength} printable ASCII characters.");

    /// <summary>An optional page size from the query string: a whole number from 1 to <paramref name="max"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MustBePageSize<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(limit => limit is null || (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max))
            .OverridePropertyName("limit")
            .WithMessage($"limit is a whole number from 1 to {max}.");

    /// <summary>An optional public id of <paramref name="kind"/> in <paramref name="field"/> (<c>customer_id</c>…).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeIdOf<T>(this IRuleBuilder<T, string?> rule, PublicIdKind kind, string field)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return rule.Must(id => id is null || kind.TryParse(id, out _))
            .OverridePropertyName(field)
            .WithMessage($"{field} is a {Spoken(kind)} id ({kind.Prefix}…).");
    }

    /// <summary>An optional list cursor: the id of the last <paramref name="kind"/> of the previous page.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeCursorOf<T>(this IRuleBuilder<T, string?> rule, PublicIdKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return rule.Must(id => id is null || kind.TryParse(id, out _))
            .OverridePropertyName("starting_after")
            .WithMessage($"starting_after is the id of a {Spoken(kind)} ({kind.Prefix}…) from a previous page.");
    }

    private static string Spoken(PublicIdKind kind) => kind.Resource.Replace('_', ' ');
}
