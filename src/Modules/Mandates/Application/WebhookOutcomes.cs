using ModularPayments.BuildingBlocks.Webhooks;
using ModularPayments.Modules.Mandates.Domain;

namespace ModularPayments.Modules.Mandates.Application;

internal static class WebhookOutcomes
{
    public static WebhookHandling ToHandling(this Transition transition, string subject) => transition switch
    {
        Transition.Applied => WebhookHandling.Applied(subject),
        Transition.AlreadyApplied => WebhookHandling.AlreadyApplied(subject),
        _ => WebhookHandling.Stale($"{subject}: the mandate has moved past it, ignored"),
    };
}
