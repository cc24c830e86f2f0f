namespace ModularPayments.BuildingBlocks.Domain.Calendar;

public enum HolidayKind
{
    /// <summary>A public holiday everywhere in Chile.</summary>
    National,

    /// <summary>A national election day (always a Sunday).</summary>
    Election,

    /// <summary>Banks are closed to the public (31 December); payments are not processed.</summary>
    Bank,

    /// <summary>A holiday in one region or city only; it does not stop Fintoc's national processing.</summary>
    Regional,
}

/// <summary>One holiday: its date, its name as the law gives it, its kind, and for a regional one, where.</summary>
public sealed record Holiday(DateOnly Date, string Name, HolidayKind Kind, string? Region = null);
