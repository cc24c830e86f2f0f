using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Charges.Domain;

namespace ModularPayments.Modules.Charges.Application;

internal static class WebhookOutcomes
{
    public static WebhookHandling ToHandling(this Transition transition, string subject) => transition switch
    {
        Transition.Applied => WebhookHandling.Applied(subject),
        Transition.AlreadyApplied => WebhookHandling.AlreadyApplied(subject),
        _ => WebhookHandling.Stale($"{subject}: already final, recorded and ignored"),
    };
}
