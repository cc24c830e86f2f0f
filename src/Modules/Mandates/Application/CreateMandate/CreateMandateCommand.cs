using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.CreateMandate;

/// <summary>
/// Sets up a mandate: on a saved payment method (active at once when the method is), or a PAC subscription (a Fintoc
/// subscription intent the payer authorizes in the widget). With an Idempotency-Key a repeat returns the first answer.
/// <paramref name="DayOfMonth"/> is "1".."31" or "last"; <paramref name="Weekday"/> monday..sunday.
/// </summary>
public sealed record CreateMandateCommand(
    string? CustomerId,
    string? InstrumentType,
    string? PaymentMethodId,
    long? Amount,
    string? Currency,
    string? Frequency,
    string? DayOfMonth,
    string? Weekday,
    DateOnly? StartDate,
    string? ReferenceId,
    int? MaxAttempts,
    int? RetryAfterBusinessDays,
    string? IdempotencyKey) : ICommand<CreateMandateResult>;

public sealed record CreateMandateResult(MandateDto Mandate, bool Created);
