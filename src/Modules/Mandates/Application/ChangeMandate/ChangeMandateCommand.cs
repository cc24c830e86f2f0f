using ModularPayments.BuildingBlocks.Application;

namespace ModularPayments.Modules.Mandates.Application.ChangeMandate;

/// <summary>What a merchant (or the bank, or the payment method) does to a mandate's lifecycle.</summary>
public enum MandateChange
{
    Cancel,
    Pause,
    Resume,
}

/// <summary><paramref name="Source"/> is merchant, bank or payment_method; <paramref name="Reason"/> is recorded with a cancel.</summary>
public sealed record ChangeMandateCommand(Guid MandateId, MandateChange Change, string Source = "merchant", string Reason = "merchant_request") : ICommand<MandateDto>;
