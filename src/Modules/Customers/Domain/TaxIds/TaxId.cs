using ModularPayments.BuildingBlocks.Domain;

namespace ModularPayments.Modules.Customers.Domain.TaxIds;

/// <summary>A validated, normalised tax id: equal values mean the same taxpayer whatever format they were written in.</summary>
public sealed record TaxId
{
    private TaxId(TaxIdType type, string value)
    {
        Type = type;
        Value = value;
    }

    public TaxIdType Type { get; }

    public string Value { get; }

    public static bool TryCreate(string? type, string? value, out TaxId taxId, out string field, out string error)
    {
        taxId = null!;
        if (!TaxIdTypeNames.TryParse(type, out var parsedType))
        {
            field = "tax_id.type";
            error = $"tax_id.type must be '{TaxIdTypeNames.ClRut}' or '{TaxIdTypeNames.MxRfc}'.";
            return false;
        }

        field = "tax_id.value";
        var valid = parsedType == TaxIdType.ClRut
            ? ChileanRut.TryNormalize(value, out var normalized, out error)
            : MexicanRfc.TryNormalize(value, out normalized, out error);
        if (valid)
        {
            taxId = new TaxId(parsedType, normalized);
        }

        return valid;
    }

    public static TaxId Create(string? type, string? value) =>
        TryCreate(type, value, out var taxId, out var field, out var error)
            ? taxId
            : throw new DomainRuleViolation("invalid_tax_id", error, field);

    /// <summary>How the tax id is usually written: a RUT with dots and hyphen, an RFC as stored.</summary>
    public static string Display(string type, string normalizedValue) =>
        type == TaxIdTypeNames.ClRut ? ChileanRut.Format(normalizedValue) : normalizedValue;

    public override string ToString() => $"{Type.ToWire()}:{Value}";
}
