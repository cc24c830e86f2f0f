using ModularPayments.BuildingBlocks.Domain;
using ModularPayments.Modules.PaymentMethods.Domain;
using ModularPayments.Modules.PaymentMethods.Domain.PaymentMethods;

namespace ModularPayments.Modules.PaymentMethods.Application;

internal static class PaymentMethodSnapshotMapping
{
    public static PaymentMethodDetails ToDetails(this PaymentMethodSnapshot snapshot)
    {
        var type = snapshot.Type ?? (snapshot.CardBrand is not null || snapshot.CardLast4 is not null ? PaymentMethodTypes.Card : null);
        if (!PaymentMethodTypes.IsKnown(type))
        {
            throw new DomainRuleViolation("unknown_payment_method_type", $"Fintoc payment method {snapshot.FintocPaymentMethodId} has type '{type}', which this module does not know.");
        }

        return new PaymentMethodDetails(
            type,
            snapshot.InstitutionId,
            snapshot.InstitutionName,
            snapshot.InstitutionCountry,
            snapshot.AccountType,
            snapshot.AccountLast4,
            snapshot.CardBrand,
            snapshot.CardLast4);
    }
}
