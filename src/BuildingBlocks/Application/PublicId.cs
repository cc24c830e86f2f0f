using System.Diagnostics.CodeAnalysis;

namespace ModularPayments.BuildingBlocks.Application;

/// <summary>
/// Public ids are <c>mp_{kind}_{32 hex}</c>, e.g. <c>mp_cus_0193c4…</c>: an id in a log or a support ticket tells its
/// kind, and none can be mistaken for a Fintoc id (<c>cus_</c>, <c>cs_</c>, <c>pm_</c>, <c>pi_</c>…), which never
/// start with <c>mp_</c>. Streams keep the bare <see cref="Guid"/>.
/// </summary>
public sealed record PublicIdKind
{
    private PublicIdKind(string prefix, string resource)
    {
        Prefix = prefix;
        Resource = resource;
    }

    public static PublicIdKind Customer { get; } = new("mp_cus_", "customer");

    public static PublicIdKind SetupSession { get; } = new("mp_setup_", "setup_session");

    public static PublicIdKind PaymentMethod { get; } = new("mp_pm_", "payment_method");

    public static PublicIdKind Charge { get; } = new("mp_ch_", "charge");

    public static PublicIdKind Mandate { get; } = new("mp_mdt_", "mandate");

    public string Prefix { get; }

    /// <summary>The resource name used in errors (<c>customer</c>, <c>setup_session</c>…).</summary>
    public string Resource { get; }

    public string Format(Guid id) => Prefix + id.ToString("N");

    /// <summary>True when <paramref name="text"/> is this kind's prefix followed by 32 lowercase or uppercase hex digits.</summary>
    public bool TryParse([NotNullWhen(true)] string? text, out Guid id)
    {
        id = Guid.Empty;
        return text is not null
            && text.Length == Prefix.Length + 32
            && text.StartsWith(Prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(text.AsSpan(Prefix.Length), "N", out id);
    }

    /// <summary>The id, or a <see cref="NotFoundException"/> (404) for anything that is not one of this kind's ids.</summary>
    public Guid ParseOrNotFound(string? text) =>
        TryParse(text, out var id) ? id : throw new NotFoundException(Resource, text ?? string.Empty);
}
