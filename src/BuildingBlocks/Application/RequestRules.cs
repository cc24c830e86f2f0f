using FluentValidation;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>Validation rules every module's requests share: merchant metadata and the Idempotency-Key header.</summary>
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
}
